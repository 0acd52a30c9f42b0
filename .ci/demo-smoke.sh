#!/usr/bin/env bash
# Smoke test of the demo model's training script (a few minutes on 2 cores): trains briefly, fails unless both
# losses fall, exports to ONNX, and checks that onnxruntime-node reproduces torch's outputs on fixed inputs.
# Needs Debian's PyTorch: apt-get install -y python3-torch python3-numpy python3-onnx libopenblas0-openmp
set -euo pipefail
cd "$(dirname "$0")/.."
if ! /usr/bin/python3 -c 'import torch, numpy, onnx' 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-torch python3-numpy python3-onnx libopenblas0-openmp >/dev/null
  else
    echo "demo-smoke: needs python3-torch python3-numpy python3-onnx libopenblas0-openmp (apt-get install -y ...)" >&2
    exit 1
  fi
fi
npm run -s models -- train-demo --smoke
