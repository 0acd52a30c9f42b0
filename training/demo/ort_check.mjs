// Runs the exported demo model with onnxruntime-node on the fixed inputs that train.py wrote (reference.json)
// and checks that every output matches torch's within a small tolerance.
//   node training/demo/ort_check.mjs [.tmp/demo-train/reference.json]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ort from 'onnxruntime-node';

const refPath = process.argv[2] ?? '.tmp/demo-train/reference.json';
const ref = JSON.parse(readFileSync(refPath, 'utf8'));
const TOLERANCE = 2e-3; // of the output's largest magnitude; float32 on both sides, different kernels

let failed = false;
for (const [name, spec] of Object.entries(ref.models)) {
  const session = await ort.InferenceSession.create(join(ref.model, name, 'model.onnx'), {
    executionProviders: ['cpu'],
  });
  const feeds = {};
  for (const [input, t] of Object.entries(spec.inputs)) {
    const data = t.dtype === 'int32' ? Int32Array.from(t.data) : Float32Array.from(t.data);
    feeds[input] = new ort.Tensor(t.dtype, data, t.dims);
  }
  const outputs = await session.run(feeds);
  for (const [output, t] of Object.entries(spec.outputs)) {
    const got = outputs[output];
    if (!got) throw new Error(`${name}: no output ${output}`);
    const dimsOk = JSON.stringify(Array.from(got.dims)) === JSON.stringify(t.dims);
    let maxDiff = 0;
    let maxRef = 0;
    let finite = true;
    for (let i = 0; i < t.data.length; i++) {
      const v = Number(got.data[i]);
      if (!Number.isFinite(v)) finite = false;
      maxDiff = Math.max(maxDiff, Math.abs(v - t.data[i]));
      maxRef = Math.max(maxRef, Math.abs(t.data[i]));
    }
    const ok = dimsOk && finite && maxDiff <= TOLERANCE * Math.max(1, maxRef);
    if (!ok) failed = true;
    console.log(
      JSON.stringify({ model: name, output, dims: Array.from(got.dims), maxAbsDiff: maxDiff, maxAbsRef: maxRef, ok }),
    );
  }
  await session.release();
}
if (failed) {
  console.error('onnxruntime-node does not reproduce torch on some outputs');
  process.exit(1);
}
console.log('onnxruntime-node reproduces torch on all outputs');
