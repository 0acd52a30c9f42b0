/**
 * Neural-network layers expressed with the GraphBuilder, shaped the way torch.onnx exports their PyTorch
 * counterparts (MatMul+Add for Linear, Reshape+InstanceNormalization+Reshape+affine for GroupNorm, ...).
 * Weights are random with a standard deviation of gain/√fan_in, which keeps activations near unit scale.
 */
import { type GraphBuilder, floatAttr } from './builder.ts';

export interface LinearOptions {
  bias?: boolean | undefined;
  gain?: number | undefined;
}

/** nn.Linear on the last axis: x[..., inF] · W[inF, outF] + b. */
export function linear(
  g: GraphBuilder,
  x: string,
  inF: number,
  outF: number,
  name: string,
  o: LinearOptions = {},
): string {
  return g.scope(name, () => {
    const std = (o.gain ?? 1) / Math.sqrt(inF);
    const y = g.matmul(x, g.weight('weight', [inF, outF], std));
    return o.bias === false ? y : g.add(y, g.weight('bias', [outF], std * 0.5));
  });
}

export interface ConvOptions {
  kernel?: number | undefined;
  stride?: number | undefined;
  /** ONNX pads [top, left, bottom, right]; default kernel/2 on every side. */
  pads?: readonly number[] | undefined;
  gain?: number | undefined;
}

/** nn.Conv2d (NCHW). */
export function conv2d(
  g: GraphBuilder,
  x: string,
  cin: number,
  cout: number,
  name: string,
  o: ConvOptions = {},
): string {
  const k = o.kernel ?? 3;
  const p = Math.floor(k / 2);
  return g.scope(name, () => {
    const std = (o.gain ?? 1) / Math.sqrt(cin * k * k);
    const w = g.weight('weight', [cout, cin, k, k], std);
    const b = g.weight('bias', [cout], std * 0.5);
    return g.op('Conv', [x, w, b], {
      kernel_shape: [k, k],
      strides: [o.stride ?? 1, o.stride ?? 1],
      pads: o.pads ?? [p, p, p, p],
      dilations: [1, 1],
      group: 1,
    });
  });
}

/**
 * nn.GroupNorm as torch.onnx exports it at opset 17 (GroupNormalization only exists from opset 18):
 * reshape to [N, groups, -1], InstanceNormalization with unit scale, reshape back, per-channel affine.
 */
export function groupNorm(
  g: GraphBuilder,
  x: string,
  channels: number,
  groups: number,
  name: string,
  eps = 1e-5,
): string {
  if (channels % groups !== 0) throw new Error(`${name}: ${channels} channels are not divisible into ${groups} groups`);
  return g.scope(name, () => {
    const grouped = g.reshape(x, [0, groups, -1]);
    const ones = g.floatConst('instance_scale', [groups], new Float32Array(groups).fill(1));
    const zeros = g.floatConst('instance_bias', [groups], new Float32Array(groups));
    const normed = g.op('InstanceNormalization', [grouped, ones, zeros], { epsilon: floatAttr(eps) });
    const back = g.reshape(normed, g.shape(x));
    const gamma = g.weight('weight', [channels, 1, 1], 0.1, 1);
    const beta = g.weight('bias', [channels, 1, 1], 0.1);
    return g.add(g.mul(back, gamma), beta);
  });
}

/** nn.LayerNorm over the last axis (LayerNormalization, opset 17). */
export function layerNorm(g: GraphBuilder, x: string, dim: number, name: string, eps = 1e-5): string {
  return g.scope(name, () => {
    const gamma = g.weight('weight', [dim], 0.1, 1);
    const beta = g.weight('bias', [dim], 0.1);
    return g.op('LayerNormalization', [x, gamma, beta], { axis: -1, epsilon: floatAttr(eps) });
  });
}

/**
 * Nearest-neighbour upsampling as torch exports F.interpolate(mode="nearest") (diffusers' Upsample2D, TAESD's
 * Upsample, ESRGAN's upsampling): ONNX Resize, asymmetric coordinates, floor rounding. By `scales` (a float32
 * [1, 1, 2, 2] constant for ×2) or to `sizes` (an int64 NCHW shape, e.g. a UNet skip connection's).
 */
export function resizeNearest(g: GraphBuilder, x: string, to: { scales: string } | { sizes: string }): string {
  return g.op('Resize', 'scales' in to ? [x, '', to.scales] : [x, '', '', to.sizes], {
    mode: 'nearest',
    coordinate_transformation_mode: 'asymmetric',
    nearest_mode: 'floor',
  });
}

/** The `scales` of a ×2 upsampling of an NCHW tensor (resizeNearest). */
export function timesTwo(g: GraphBuilder): string {
  return g.float32Const('scales', [4], [1, 1, 2, 2]);
}

/** CLIP's quick_gelu: x · sigmoid(1.702 x). */
export function quickGelu(g: GraphBuilder, x: string): string {
  return g.mul(x, g.sigmoid(g.mul(x, g.scalar(1.702))));
}

/** Exact GELU as torch exports it: 0.5 · x · (1 + erf(x / √2)). */
export function gelu(g: GraphBuilder, x: string): string {
  const erf = g.op('Erf', [g.div(x, g.scalar(Math.SQRT2))]);
  return g.mul(g.mul(x, g.add(erf, g.scalar(1))), g.scalar(0.5));
}

export interface AttentionOptions {
  /** Query (and output) width. */
  dim: number;
  /** Key/value source width (the text hidden size for cross-attention). */
  contextDim: number;
  heads: number;
  /** Bias on the q/k/v projections (CLIP: yes; the SD UNet: no). */
  qkvBias: boolean;
  /** Added to the scores before Softmax (broadcast to [B, heads, Lq, Lk]); a causal mask for CLIP. */
  mask?: string | undefined;
}

/**
 * Multi-head scaled dot-product attention of `x` [B, Lq, dim] over `context` [B, Lk, contextDim]
 * (self-attention when context === x): softmax(q·kᵀ/√d + mask)·v, then the output projection.
 */
export function attention(g: GraphBuilder, x: string, context: string, name: string, o: AttentionOptions): string {
  const { dim, contextDim, heads } = o;
  if (dim % heads !== 0) throw new Error(`${name}: width ${dim} is not divisible by ${heads} heads`);
  const headDim = dim / heads;
  return g.scope(name, () => {
    const q = linear(g, x, dim, dim, 'to_q', { bias: o.qkvBias });
    const k = linear(g, context, contextDim, dim, 'to_k', { bias: o.qkvBias });
    const v = linear(g, context, contextDim, dim, 'to_v', { bias: o.qkvBias });
    const qh = g.transpose(g.reshape(q, [0, 0, heads, headDim]), [0, 2, 1, 3]); // [B, h, Lq, d]
    const kt = g.transpose(g.reshape(k, [0, 0, heads, headDim]), [0, 2, 3, 1]); // [B, h, d, Lk]
    const vh = g.transpose(g.reshape(v, [0, 0, heads, headDim]), [0, 2, 1, 3]); // [B, h, Lk, d]
    let scores = g.mul(g.matmul(qh, kt), g.scalar(1 / Math.sqrt(headDim)));
    if (o.mask) scores = g.add(scores, o.mask);
    const probs = g.softmax(scores, -1);
    const merged = g.reshape(g.transpose(g.matmul(probs, vh), [0, 2, 1, 3]), [0, 0, dim]);
    return linear(g, merged, dim, dim, 'to_out');
  });
}
