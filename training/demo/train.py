#!/usr/bin/env python3
"""Train Atelier's demo text-to-image model on the CPU and export it to ONNX in the diffusers layout.

    /usr/bin/python3 training/demo/train.py [--smoke] [--out models/demo]

(`npm run models -- train-demo [--smoke]` runs this.) Three phases, all seeded:
  1. autoencoder: 64x64 images <-> 8x8x4 latents, the decoder trained to tolerate noisy latents;
  2. text encoder + UNet together on the latents of the training captions (epsilon prediction, scaled-linear
     betas, 10% empty captions for classifier-free guidance), with an EMA of the weights;
  3. export (weights stored as float16, computed in float32), then a held-out evaluation that picks the default
     scheduler, steps and guidance written into model_index.json.
--smoke trains for a minute or two and writes reference outputs for training/demo/ort_check.mjs.
"""
import argparse
import json
import math
import os

# OpenMP threads that spin while waiting waste most of a shared machine's CPU (3-5x slower steps when other work
# runs beside training); passive waiting costs little on an idle machine. Must be set before torch loads.
os.environ.setdefault('OMP_WAIT_POLICY', 'PASSIVE')
import random
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import checker  # noqa: E402
import world  # noqa: E402
from clip_tokenizer import BOS, EOS, MAX_LENGTH, Tokenizer  # noqa: E402
from nets import Decoder, Encoder, TextEncoder, UNet, count  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))

FULL = dict(ae_steps=1800, ae_batch=64, unet_steps=3300, unet_batch=128, instances=32, ema=0.999, dec_steps=3000)
SMOKE = dict(ae_steps=150, ae_batch=32, unet_steps=150, unet_batch=64, instances=2, ema=0.9, dec_steps=20)

TRAIN_TIMESTEPS = 1000
BETA_START, BETA_END = 0.00085, 0.012
EMPTY_CAPTION_RATE = 0.1
TEXT_COMPUTE_LENGTH = 20  # longer than any world caption (+BOS/EOS); see TextEncoder.forward
LATENT_NOISE = 0.1  # decoder input noise, as a fraction of the latent std
REFINE_LATENT_NOISE = 0.03


def log(msg):
    print(f'[{time.strftime("%H:%M:%S")}] {msg}', flush=True)


def seed_everything(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def alphas_cumprod():
    betas = torch.linspace(BETA_START**0.5, BETA_END**0.5, TRAIN_TIMESTEPS, dtype=torch.float64) ** 2
    return torch.cumprod(1.0 - betas, dim=0)


def world_words():
    words = ['a', 'an', 'the', 'on', 'at', 'in', 'of', 'with', 'background', ',']
    words += world.SHAPES + world.COLOUR_NAMES
    for phrases in world.POSITION_PHRASES.values():
        for p in phrases:
            words += p.split()
    return list(dict.fromkeys(words))


def random_caption(rng, shape, colour, position, background):
    """The caption for one training image: mostly canonical, sometimes leaving out the position or background
    (then the picture's position or background is simply unspecified), sometimes empty (for guidance)."""
    r = rng.random()
    if r < EMPTY_CAPTION_RATE:
        return ''
    phrase = world.POSITION_PHRASES[position][rng.randrange(len(world.POSITION_PHRASES[position]))]
    obj = f'{world.article(colour)} {colour} {shape}'
    bg = f'on {world.article(background)} {background} background'
    if r < EMPTY_CAPTION_RATE + 0.05:
        return f'{obj} {bg}'
    if r < EMPTY_CAPTION_RATE + 0.10:
        return f'{obj} {phrase}'
    return f'{obj} {phrase} {bg}'


def lr_at(step, total, peak, warmup):
    if step < warmup:
        return peak * (step + 1) / warmup
    p = (step - warmup) / max(1, total - warmup)
    return peak * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * p)))


def train_autoencoder(cfg, gen, rng):
    enc, dec = Encoder(), Decoder()
    log(f'autoencoder: encoder {count(enc):,} + decoder {count(dec):,} parameters, {cfg["ae_steps"]} steps')
    params = list(enc.parameters()) + list(dec.parameters())
    opt = torch.optim.AdamW(params, lr=1e-3, weight_decay=0.0)
    combos = world.training_combos()
    losses = []
    t0 = time.time()
    for step in range(cfg['ae_steps']):
        for g in opt.param_groups:
            g['lr'] = lr_at(step, cfg['ae_steps'], 1e-3, 100)
        scenes = [combos[rng.randrange(len(combos))] for _ in range(cfg['ae_batch'])]
        x = world.render(scenes, gen)
        z = enc(x)
        noise = torch.randn(z.shape, generator=gen) * (LATENT_NOISE * z.detach().std())
        y = dec(z + noise)
        loss = F.mse_loss(y, x) + 0.5 * F.l1_loss(y, x)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        losses.append(loss.item())
        if step % 100 == 0 or step == cfg['ae_steps'] - 1:
            log(f'ae step {step} loss {np.mean(losses[-100:]):.5f} ({time.time() - t0:.0f}s)')
    return enc.eval(), dec.eval(), losses


def refine_decoder(cfg, enc, dec, gen, rng):
    """Decoder-only training with the encoder frozen (so the latent space, and the UNet, stay valid). Thin star
    points and triangle corners are what the decoder learns last; less latent noise here keeps them sharp."""
    steps = cfg['dec_steps']
    log(f'decoder refinement: {steps} steps, encoder frozen')
    enc.eval()
    dec.train()
    opt = torch.optim.AdamW(dec.parameters(), lr=3e-4, weight_decay=0.0)
    combos = world.training_combos()
    losses = []
    t0 = time.time()
    for step in range(steps):
        for g in opt.param_groups:
            g['lr'] = lr_at(step, steps, 3e-4, 50)
        scenes = [combos[rng.randrange(len(combos))] for _ in range(cfg['ae_batch'])]
        x = world.render(scenes, gen)
        with torch.no_grad():
            z = enc(x)
        noise = torch.randn(z.shape, generator=gen) * (REFINE_LATENT_NOISE * z.std())
        y = dec(z + noise)
        loss = F.mse_loss(y, x) + 0.5 * F.l1_loss(y, x)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        losses.append(loss.item())
        if step % 100 == 0 or step == steps - 1:
            log(f'decoder step {step} loss {np.mean(losses[-100:]):.5f} ({time.time() - t0:.0f}s)')
    dec.eval()
    return losses


@torch.no_grad()
def encode_pool(enc, cfg, gen):
    """Latents of `instances` jittered renderings of every training combination."""
    combos = world.training_combos()
    scenes = [k for k in combos for _ in range(cfg['instances'])]
    zs = []
    for i in range(0, len(scenes), 256):
        zs.append(enc(world.render(scenes[i : i + 256], gen)))
    z = torch.cat(zs)
    mean = z.mean(dim=(0, 2, 3))
    std = (z - mean.view(1, -1, 1, 1)).std().item()
    log(f'latent pool {tuple(z.shape)}; channel means {mean.tolist()}, std {std:.4f}')
    return scenes, z, mean, std


def train_unet(cfg, tok, text_encoder, unet, scenes, latents, scaling, gen, rng):
    log(f'text encoder {count(text_encoder):,} + UNet {count(unet):,} parameters, {cfg["unet_steps"]} steps')
    params = list(text_encoder.parameters()) + list(unet.parameters())
    opt = torch.optim.AdamW(params, lr=5e-4, weight_decay=0.01)
    ema = [p.detach().clone() for p in params]
    acp = alphas_cumprod().float()
    snr = acp / (1 - acp)
    weight = torch.clamp(snr, max=5.0) / snr  # min-SNR-5 weighting for epsilon prediction
    cache = {}

    def ids_for(text):
        if text not in cache:
            cache[text] = tok(text)
        return cache[text]

    losses = []
    t0 = time.time()
    n = latents.shape[0]
    for step in range(cfg['unet_steps']):
        for g in opt.param_groups:
            g['lr'] = lr_at(step, cfg['unet_steps'], 5e-4, 200)
        idx = torch.randint(0, n, (cfg['unet_batch'],), generator=gen)
        x0 = latents[idx] * scaling
        ids = torch.tensor([ids_for(random_caption(rng, *scenes[i])) for i in idx.tolist()])
        t = torch.randint(0, TRAIN_TIMESTEPS, (cfg['unet_batch'],), generator=gen)
        eps = torch.randn(x0.shape, generator=gen)
        a = acp[t].view(-1, 1, 1, 1)
        xt = a.sqrt() * x0 + (1 - a).sqrt() * eps
        ctx, _ = text_encoder(ids, compute_length=TEXT_COMPUTE_LENGTH)
        pred = unet(xt, t.float(), ctx)
        per = ((pred - eps) ** 2).mean(dim=(1, 2, 3))
        loss = (per * weight[t]).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        decay = min(cfg['ema'], (1 + step) / (10 + step))
        with torch.no_grad():
            for e, p in zip(ema, params):
                e.mul_(decay).add_(p.detach(), alpha=1 - decay)
        losses.append(per.mean().item())
        if step % 100 == 0 or step == cfg['unet_steps'] - 1:
            log(f'unet step {step} loss {np.mean(losses[-100:]):.5f} ({time.time() - t0:.0f}s)')
    with torch.no_grad():
        for e, p in zip(ema, params):
            p.copy_(e)
    return losses


def round_to_fp16(*modules):
    """The exported files store weights as float16; make torch compute with exactly those values."""
    with torch.no_grad():
        for m in modules:
            for p in m.parameters():
                p.copy_(p.half().float())


# ---------------------------------------------------------------- sampling (for the evaluation only)


class Sampler:
    def __init__(self, tok, text_encoder, unet, decoder, scaling, mean):
        self.tok, self.te, self.unet, self.dec = tok, text_encoder, unet, decoder
        self.scaling, self.mean = scaling, mean
        self.acp = alphas_cumprod()

    @torch.no_grad()
    def embed(self, prompts):
        ids = torch.tensor([self.tok(p) for p in prompts])
        return self.te(ids)[0]

    def eps(self, x, t, cond, uncond, guidance):
        tt = torch.full((x.shape[0],), float(t))
        e = self.unet(torch.cat([x, x]), torch.cat([tt, tt]), torch.cat([uncond, cond]))
        eu, ec = e.chunk(2)
        return eu + guidance * (ec - eu)

    @torch.no_grad()
    def euler(self, prompts, steps, guidance, seed):
        """diffusers EulerDiscreteScheduler, linspace spacing (init_noise_sigma = sigma_max)."""
        cond = self.embed(prompts)
        uncond = self.embed([''] * len(prompts))
        sig_all = ((1 - self.acp) / self.acp).sqrt()
        ts = np.linspace(0, TRAIN_TIMESTEPS - 1, steps)[::-1].copy()
        sigmas = np.interp(ts, np.arange(TRAIN_TIMESTEPS), sig_all.numpy()).tolist() + [0.0]
        g = torch.Generator().manual_seed(seed)
        x = torch.randn((len(prompts), 4, 8, 8), generator=g) * sigmas[0]
        for i, t in enumerate(ts):
            s = sigmas[i]
            e = self.eps(x / math.sqrt(s * s + 1), t, cond, uncond, guidance)
            x = x + e * (sigmas[i + 1] - s)  # x0 = x - s*e; d = (x - x0)/s = e
        return x

    @torch.no_grad()
    def ddim(self, prompts, steps, guidance, seed):
        """diffusers DDIMScheduler, leading spacing, steps_offset 1, set_alpha_to_one false, eta 0."""
        cond = self.embed(prompts)
        uncond = self.embed([''] * len(prompts))
        ratio = TRAIN_TIMESTEPS // steps
        ts = (np.arange(steps) * ratio)[::-1] + 1
        g = torch.Generator().manual_seed(seed)
        x = torch.randn((len(prompts), 4, 8, 8), generator=g)
        acp = self.acp.float()
        for t in ts:
            a = acp[t]
            prev = t - ratio
            a_prev = acp[prev] if prev >= 0 else acp[0]
            e = self.eps(x, t, cond, uncond, guidance)
            x0 = (x - (1 - a).sqrt() * e) / a.sqrt()
            x = a_prev.sqrt() * x0 + (1 - a_prev).sqrt() * e
        return x

    @torch.no_grad()
    def decode(self, latents):
        z = latents / self.scaling + self.mean.view(1, -1, 1, 1)
        img = self.dec(z).clamp(-1, 1)
        return ((img + 1) * 127.5).round().byte().permute(0, 2, 3, 1).numpy()


def evaluate(sampler, method, steps, guidance, seed=1234):
    combos = world.held_out_combos()
    prompts = [world.caption(*k) for k in combos]
    latents = getattr(sampler, method)(prompts, steps, guidance, seed)
    images = sampler.decode(latents)
    totals = {'shape': 0, 'colour': 0, 'position': 0, 'background': 0, 'all': 0}
    per_shape = {s: [0, 0] for s in world.SHAPES}
    for img, k in zip(images, combos):
        r = checker.check(img, *k)
        ok = all(r[a] for a in ('shape', 'colour', 'position', 'background'))
        for a in ('shape', 'colour', 'position', 'background'):
            totals[a] += int(r[a])
        totals['all'] += int(ok)
        per_shape[k[0]][0] += int(r['shape'])
        per_shape[k[0]][1] += 1
    n = len(combos)
    result = {a: round(v / n, 4) for a, v in totals.items()}
    result['shapeByClass'] = {s: round(c / t, 4) for s, (c, t) in per_shape.items()}
    result.update(method=method, steps=steps, guidance=guidance, captions=n)
    return result, images


def save_grid(images, path, cols=15):
    try:
        from PIL import Image
    except ImportError:  # python3-pil is optional: the grid is only for looking at
        return

    n = len(images)
    rows = (n + cols - 1) // cols
    h, w, _ = images[0].shape
    grid = np.full((rows * (h + 2), cols * (w + 2), 3), 128, dtype=np.uint8)
    for i, img in enumerate(images):
        r, c = divmod(i, cols)
        grid[r * (h + 2) : r * (h + 2) + h, c * (w + 2) : c * (w + 2) + w] = img
    Image.fromarray(grid).save(path)


# ---------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--smoke', action='store_true', help='train for a minute or two (CI)')
    ap.add_argument('--out', help='output model folder (models/demo; for --smoke, <work>/smoke-model)')
    ap.add_argument('--work', default=os.path.join(REPO, '.tmp', 'demo-train'), help='scratch folder')
    ap.add_argument('--seed', type=int, default=7)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--export-only', action='store_true', help='export and evaluate the last run\'s checkpoint again')
    args = ap.parse_args()
    cfg = SMOKE if args.smoke else FULL
    if args.out is None:
        args.out = os.path.join(args.work, 'smoke-model') if args.smoke else os.path.join(REPO, 'models', 'demo')
    torch.set_num_threads(args.threads)
    seed_everything(args.seed)
    gen = torch.Generator().manual_seed(args.seed)
    rng = random.Random(args.seed)
    os.makedirs(args.work, exist_ok=True)
    started = time.time()
    log(f'torch {torch.__version__}, {args.threads} threads, {"smoke" if args.smoke else "full"} run -> {args.out}')

    tok = Tokenizer(world_words())
    known = sorted({i for w in world_words() for i in tok.encode(w)} | {BOS, EOS})
    id_to_row = [0] * (EOS + 1)  # row 0: every id outside the world (byte tokens of unknown words)
    for row, i in enumerate(known, start=1):
        id_to_row[i] = row

    checkpoint = os.path.join(args.work, 'smoke.pt' if args.smoke else 'checkpoint.pt')
    if args.export_only:
        # Re-export (and re-evaluate) the weights of the last run without training again.
        text_encoder, unet = TextEncoder(id_to_row, len(known) + 1), UNet(context_dim=128)
        enc, dec = Encoder(), Decoder()
        state = torch.load(checkpoint)
        for name, m in (('enc', enc), ('dec', dec), ('te', text_encoder), ('unet', unet)):
            m.load_state_dict(state[name])
        mean, scaling = state['mean'], state['scaling']
        ae_losses, unet_losses, train_time = state['ae_losses'], state['unet_losses'], state['train_time']
        log(f'loaded {checkpoint}')
    else:
        enc, dec, ae_losses = train_autoencoder(cfg, gen, rng)
        ae_time = time.time() - started
        scenes, latents, mean, std = encode_pool(enc, cfg, gen)
        scaling = 1.0 / std
        latents = latents - mean.view(1, -1, 1, 1)
        text_encoder, unet = TextEncoder(id_to_row, len(known) + 1), UNet(context_dim=128)
        unet_losses = train_unet(cfg, tok, text_encoder, unet, scenes, latents, scaling, gen, rng)
        ae_losses = ae_losses + refine_decoder(cfg, enc, dec, gen, rng)
        train_time = time.time() - started
        log(f'training took {train_time / 60:.1f} min (autoencoder {ae_time / 60:.1f} min)')
        torch.save({'enc': enc.state_dict(), 'dec': dec.state_dict(), 'te': text_encoder.state_dict(),
                    'unet': unet.state_dict(), 'mean': mean, 'scaling': scaling, 'ae_losses': ae_losses,
                    'unet_losses': unet_losses, 'train_time': train_time}, checkpoint)

    for m in (enc, dec, text_encoder, unet):
        m.eval()
    round_to_fp16(enc, dec, text_encoder, unet)

    import export  # noqa: E402  (imported late: only needed once the weights exist)

    sampler = Sampler(tok, text_encoder, unet, dec, scaling, mean)
    if args.smoke:
        candidates = [('euler', 10, 4.0)]
    else:
        candidates = [(m, s, g) for m in ('euler', 'ddim') for s in (10, 20) for g in (3.0, 5.0, 7.5)]
    results = []
    best = None
    for method, steps, guidance in candidates:
        r, images = evaluate(sampler, method, steps, guidance)
        log(f'held-out {method} {steps} steps, guidance {guidance}: {json.dumps(r)}')
        results.append(r)
        # Prefer fewer steps when accuracy ties (the demo is meant to be quick).
        key = (r['all'], r['shape'], -steps)
        if best is None or key > best[0]:
            best = (key, r, images)
    _, chosen, images = best
    save_grid(images, os.path.join(args.work, 'heldout.png'))

    summary = {
        'seed': args.seed,
        'smoke': args.smoke,
        'threads': args.threads,
        'torch': torch.__version__,
        'trainSeconds': round(train_time),
        'autoencoderSteps': cfg['ae_steps'],
        'unetSteps': cfg['unet_steps'],
        'decoderRefinementSteps': cfg['dec_steps'],
        'unetBatch': cfg['unet_batch'],
        'parameters': {
            'textEncoder': count(text_encoder),
            'unet': count(unet),
            'vaeEncoder': count(enc),
            'vaeDecoder': count(dec),
        },
        'scalingFactor': scaling,
        'latentChannelMean': mean.tolist(),
        'aeLossFirst': float(np.mean(ae_losses[:20])),
        'aeLossLast': float(np.mean(ae_losses[-20:])),
        'unetLossFirst': float(np.mean(unet_losses[:20])),
        'unetLossLast': float(np.mean(unet_losses[-20:])),
        'heldOut': chosen,
        'sweep': results,
    }
    export.export_all(args.out, args.work, tok, text_encoder, unet, enc, dec, scaling, mean, chosen, summary,
                      smoke=args.smoke)
    log(f'done in {(time.time() - started) / 60:.1f} min: {json.dumps(chosen)}')
    # The smoke run's only claim: both losses fall (a broken chain shows here before it shows anywhere else).
    ok = summary['aeLossLast'] < 0.8 * summary['aeLossFirst'] and summary['unetLossLast'] < 0.8 * summary['unetLossFirst']
    log(f'losses: autoencoder {summary["aeLossFirst"]:.4f} -> {summary["aeLossLast"]:.4f}, '
        f'unet {summary["unetLossFirst"]:.4f} -> {summary["unetLossLast"]:.4f}: {"falling" if ok else "NOT FALLING"}')
    if not ok:
        sys.exit(1)


if __name__ == '__main__':
    main()
