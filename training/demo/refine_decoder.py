#!/usr/bin/env python3
"""Refine the decoder of an exported demo model in place (train.py's decoder-refinement phase on its own).

    /usr/bin/python3 training/demo/refine_decoder.py [--model models/demo] [--steps 1500] [--threads 2]

Loads the VAE encoder and decoder weights back from the ONNX files, trains the decoder with the encoder frozen
(so the latents the UNet was trained on keep their meaning), and re-exports vae_decoder/model.onnx. train.py runs
the same phase itself; this script applied it to a model whose full run predates that phase.
"""
import argparse
import json
import os
import random
import sys
import time

os.environ.setdefault('OMP_WAIT_POLICY', 'PASSIVE')
import torch  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import export  # noqa: E402
import train  # noqa: E402
from nets import Decoder, Encoder  # noqa: E402


def load_from_onnx(module, path, prefix):
    """Conv weights keep their names in the export; GroupNorm scales/shifts become anonymous Mul/Add constants in
    forward order, which is the order of the GroupNorm modules."""
    import onnx
    from onnx import numpy_helper

    model = onnx.load(path)
    inits = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    state = module.state_dict()
    named = {}
    anonymous = [k for k in inits if k.startswith('onnx::Mul_') or k.startswith('onnx::Add_')]
    anonymous.sort(key=lambda k: int(k.rsplit('_', 1)[1]))
    norms = [n for n, m in module.named_modules() if isinstance(m, torch.nn.GroupNorm)]
    assert len(anonymous) == 2 * len(norms), (len(anonymous), norms)
    for i, n in enumerate(norms):
        named[f'{n}.weight'] = inits[anonymous[2 * i]].reshape(-1)
        named[f'{n}.bias'] = inits[anonymous[2 * i + 1]].reshape(-1)
    for key in state:
        if key in named:
            continue
        src = inits.get(f'{prefix}.{key}') if f'{prefix}.{key}' in inits else inits.get(f'{prefix}.{key}_fp16')
        assert src is not None, key
        named[key] = src
    module.load_state_dict({k: torch.tensor(v.astype('float32')) for k, v in named.items()})
    return torch.tensor(inits['mean'].astype('float32')).view(-1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--model', default=os.path.join(train.REPO, 'models', 'demo'))
    ap.add_argument('--steps', type=int, default=train.FULL['dec_steps'])
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--seed', type=int, default=8)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    train.seed_everything(args.seed)
    gen = torch.Generator().manual_seed(args.seed)
    rng = random.Random(args.seed)
    enc, dec = Encoder(), Decoder()
    mean = load_from_onnx(enc, os.path.join(args.model, 'vae_encoder', 'model.onnx'), 'enc')
    mean_d = load_from_onnx(dec, os.path.join(args.model, 'vae_decoder', 'model.onnx'), 'dec')
    assert torch.allclose(mean, mean_d)
    started = time.time()
    cfg = dict(train.FULL, dec_steps=args.steps)
    losses = train.refine_decoder(cfg, enc, dec, gen, rng)
    train.round_to_fp16(dec)
    path = os.path.join(args.model, 'vae_decoder', 'model.onnx')
    latent = torch.randn((1, 4, 8, 8), generator=gen)
    export._export(export.DecoderGraph(dec, mean).eval(), (latent,), path, ['latent_sample'], ['sample'],
                   {'latent_sample': {0: 'batch', 2: 'height', 3: 'width'}, 'sample': {0: 'batch', 2: 'height', 3: 'width'}})
    summary_path = os.path.join(args.model, 'training.json')
    with open(summary_path) as f:
        summary = json.load(f)
    summary.setdefault('decoderRefinements', []).append({
        'steps': args.steps,
        'seed': args.seed,
        'threads': args.threads,
        'seconds': round(time.time() - started),
        'lossFirst': sum(losses[:20]) / 20,
        'lossLast': sum(losses[-20:]) / 20,
    })
    with open(summary_path, 'w') as f:
        json.dump(summary, f, indent=2)
        f.write('\n')
    train.log(f'refined decoder written to {path}')


if __name__ == '__main__':
    main()
