"""The demo model's networks, shaped like Stable Diffusion's: a causal transformer text encoder, a UNet with
cross-attention that predicts noise, and a plain autoencoder with 4-channel latents at 1/8 of the image size.

Attention is written out by hand (no nn.MultiheadAttention) so that torch 1.13 exports it to plain ONNX ops.
"""
import math

import torch
from torch import nn
import torch.nn.functional as F

EOS = 49407


class Attention(nn.Module):
    def __init__(self, dim, context_dim=None, heads=4):
        super().__init__()
        context_dim = context_dim or dim
        self.heads = heads
        self.q = nn.Linear(dim, dim, bias=False)
        self.k = nn.Linear(context_dim, dim, bias=False)
        self.v = nn.Linear(context_dim, dim, bias=False)
        self.out = nn.Linear(dim, dim)

    def forward(self, x, context=None, mask=None):
        context = x if context is None else context
        b, n, d = x.shape
        h = self.heads
        q = self.q(x).reshape(b, n, h, d // h).transpose(1, 2)
        k = self.k(context).reshape(b, -1, h, d // h).transpose(1, 2)
        v = self.v(context).reshape(b, -1, h, d // h).transpose(1, 2)
        scores = torch.matmul(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(d // h))
        if mask is not None:
            scores = scores + mask
        attn = scores.softmax(dim=-1)
        y = torch.matmul(attn, v).transpose(1, 2).reshape(b, n, d)
        return self.out(y)


class TextLayer(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.ln1 = nn.LayerNorm(dim)
        self.attn = Attention(dim, heads=heads)
        self.ln2 = nn.LayerNorm(dim)
        self.mlp = nn.Sequential(nn.Linear(dim, dim * 4), nn.GELU(), nn.Linear(dim * 4, dim))

    def forward(self, x, mask):
        x = x + self.attn(self.ln1(x), mask=mask)
        return x + self.mlp(self.ln2(x))


class TextEncoder(nn.Module):
    """CLIP-like: token + position embeddings, causal pre-LN transformer, final LayerNorm.

    CLIP's ids go up to 49407 but the world knows a few dozen tokens, so a 49408-entry lookup table (a constant
    in the ONNX graph) maps each id to a compact embedding row; every unknown id shares one row.
    """

    def __init__(self, id_to_row, rows, dim=128, layers=2, heads=4, max_length=77):
        super().__init__()
        self.register_buffer('id_to_row', torch.as_tensor(id_to_row, dtype=torch.int16))
        self.token = nn.Embedding(rows, dim)
        self.position = nn.Parameter(torch.randn(max_length, dim) * 0.01)
        self.layers = nn.ModuleList([TextLayer(dim, heads) for _ in range(layers)])
        self.ln = nn.LayerNorm(dim)
        self.pad = nn.Parameter(torch.zeros(1, 1, dim))
        mask = torch.full((max_length, max_length), -1e9).triu(1)
        self.register_buffer('causal', mask)

    def forward(self, input_ids, compute_length=None):
        """compute_length (training only) runs the transformer on that many first positions; the rest are
        padding after the first EOS, whose output is the learned `pad` vector anyway (the attention is causal,
        so this gives exactly what the full-length graph computes)."""
        ids = input_ids.long()
        n = ids.shape[1]
        m = n if compute_length is None else min(compute_length, n)
        rows = self.id_to_row[ids[:, :m]].long()
        x = self.token(rows) + self.position[:m]
        mask = self.causal[:m, :m]
        for layer in self.layers:
            x = layer(x, mask)
        x = self.ln(x)
        if m < n:
            x = torch.cat([x, self.pad.expand(x.shape[0], n - m, -1)], dim=1)
        # Positions after the first EOS (the padding) all carry one learned vector, so the UNet sees the same
        # keys there whatever the prompt's length.
        is_eos = (ids == EOS).int()
        after_eos = (torch.cumsum(is_eos, dim=1) - is_eos) > 0
        x = torch.where(after_eos.unsqueeze(-1), self.pad.expand_as(x), x)
        # CLIP pools at the first EOS, which has the highest id (49407).
        eos = ids.float().argmax(dim=-1)
        pooled = x[torch.arange(x.shape[0]), eos]
        return x, pooled


def timestep_embedding(t, dim):
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)
    args = t.float().unsqueeze(1) * freqs.unsqueeze(0)
    return torch.cat([torch.cos(args), torch.sin(args)], dim=1)


def norm(c):
    return nn.GroupNorm(min(16, c // 4), c)


class ResBlock(nn.Module):
    def __init__(self, cin, cout, temb=None):
        super().__init__()
        self.n1 = norm(cin)
        self.c1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.t = nn.Linear(temb, cout) if temb else None
        self.n2 = norm(cout)
        self.c2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x, t=None):
        h = self.c1(F.silu(self.n1(x)))
        if self.t is not None:
            h = h + self.t(F.silu(t))[:, :, None, None]
        h = self.c2(F.silu(self.n2(h)))
        return self.skip(x) + h


class SpatialTransformer(nn.Module):
    """Self-attention, cross-attention on the text, feed-forward; as in SD's transformer blocks."""

    def __init__(self, c, context_dim, heads=4):
        super().__init__()
        self.norm = norm(c)
        self.proj_in = nn.Conv2d(c, c, 1)
        self.ln1 = nn.LayerNorm(c)
        self.attn1 = Attention(c, heads=heads)
        self.ln2 = nn.LayerNorm(c)
        self.attn2 = Attention(c, context_dim, heads=heads)
        self.ln3 = nn.LayerNorm(c)
        self.ff = nn.Sequential(nn.Linear(c, c * 4), nn.GELU(), nn.Linear(c * 4, c))
        self.proj_out = nn.Conv2d(c, c, 1)

    def forward(self, x, context):
        b, c, h, w = x.shape
        y = self.proj_in(self.norm(x))
        y = y.reshape(b, c, h * w).transpose(1, 2)
        y = y + self.attn1(self.ln1(y))
        y = y + self.attn2(self.ln2(y), context)
        y = y + self.ff(self.ln3(y))
        y = y.transpose(1, 2).reshape(b, c, h, w)
        return x + self.proj_out(y)


class UNet(nn.Module):
    """Two resolutions (latent size and half of it), a transformer block after every ResBlock."""

    def __init__(self, context_dim=128, c1=64, c2=128, in_channels=4):
        super().__init__()
        self.c1 = c1
        temb = c1 * 4
        self.time = nn.Sequential(nn.Linear(c1, temb), nn.SiLU(), nn.Linear(temb, temb))
        self.conv_in = nn.Conv2d(in_channels, c1, 3, padding=1)
        self.d1 = ResBlock(c1, c1, temb)
        self.a1 = SpatialTransformer(c1, context_dim)
        self.down = nn.Conv2d(c1, c1, 3, stride=2, padding=1)
        self.d2 = ResBlock(c1, c2, temb)
        self.a2 = SpatialTransformer(c2, context_dim)
        self.m1 = ResBlock(c2, c2, temb)
        self.u2 = ResBlock(c2 + c2, c2, temb)
        self.ua2 = SpatialTransformer(c2, context_dim)
        self.up = nn.Conv2d(c2, c1, 3, padding=1)
        self.u1 = ResBlock(c1 + c1, c1, temb)
        self.ua1 = SpatialTransformer(c1, context_dim)
        self.u0 = ResBlock(c1 + c1, c1, temb)
        self.norm_out = norm(c1)
        self.conv_out = nn.Conv2d(c1, in_channels, 3, padding=1)

    def forward(self, sample, timestep, encoder_hidden_states):
        t = self.time(timestep_embedding(timestep, self.c1))
        ctx = encoder_hidden_states
        h0 = self.conv_in(sample)
        h1 = self.a1(self.d1(h0, t), ctx)
        h2 = self.a2(self.d2(self.down(h1), t), ctx)
        m = self.m1(h2, t)
        u = self.ua2(self.u2(torch.cat([m, h2], 1), t), ctx)
        u = self.up(F.interpolate(u, scale_factor=2.0, mode='nearest'))
        u = self.ua1(self.u1(torch.cat([u, h1], 1), t), ctx)
        u = self.u0(torch.cat([u, h0], 1), t)
        return self.conv_out(F.silu(self.norm_out(u)))


class Encoder(nn.Module):
    """64x64x3 -> 8x8x4: three stride-2 convolutions, ResBlocks at 16x16 and 8x8 (cheap: it only has to see)."""

    def __init__(self, latent=4):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(3, 32, 3, stride=2, padding=1),
            nn.SiLU(),
            nn.Conv2d(32, 64, 3, stride=2, padding=1),
            ResBlock(64, 64),
            nn.Conv2d(64, 128, 3, stride=2, padding=1),
            ResBlock(128, 128),
            norm(128),
            nn.SiLU(),
            nn.Conv2d(128, latent, 3, padding=1),
        )

    def forward(self, x):
        return self.net(x)


class Decoder(nn.Module):
    """8x8x4 -> 64x64x3 in [-1, 1] (not clamped: the pipeline clamps).

    The two last doublings are sub-pixel convolutions (PixelShuffle): the 16x16 features say where an edge
    crosses each cell, which keeps edges sharp at a fraction of the cost of full-resolution convolutions.
    """

    def __init__(self, latent=4):
        super().__init__()
        self.conv_in = nn.Conv2d(latent, 128, 3, padding=1)
        self.r8a = ResBlock(128, 128)
        self.r8b = ResBlock(128, 128)
        self.up16 = nn.Conv2d(128, 96, 3, padding=1)
        self.r16 = ResBlock(96, 96)
        self.to32 = nn.Conv2d(96, 32 * 4, 3, padding=1)
        self.n32 = norm(32)
        self.to64 = nn.Conv2d(32, 3 * 4, 3, padding=1)

    def forward(self, z):
        h = self.r8b(self.r8a(self.conv_in(z)))
        h = self.r16(self.up16(F.interpolate(h, scale_factor=2.0, mode='nearest')))
        h = F.pixel_shuffle(self.to32(F.silu(h)), 2)
        return F.pixel_shuffle(self.to64(F.silu(self.n32(h))), 2)


def count(m):
    return sum(p.numel() for p in m.parameters())
