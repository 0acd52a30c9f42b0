#!/usr/bin/python3
"""
Reference values for Atelier's schedulers (tests/fixtures/schedulers/reference.json).

diffusers cannot be installed on our build machines (no PyPI), so this is a transcription of the diffusers
scheduler classes we implement, written against torch (Debian's python3-torch) so that every tensor operation runs in
float32 exactly as in diffusers, and numpy where diffusers uses numpy. It follows diffusers' main branch as of 2025:
  src/diffusers/schedulers/scheduling_{pndm,euler_discrete,euler_ancestral_discrete,ddim,dpmsolver_multistep,lcm}.py
  src/diffusers/schedulers/scheduling_{ddpm,lms_discrete,heun_discrete,unipc_multistep}.py (diffusers main, 2026)
  src/diffusers/pipelines/latent_consistency_models/pipeline_latent_consistency_text2img.py (guidance embedding)
  src/diffusers/pipelines/stable_diffusion/pipeline_stable_diffusion_img2img.py (get_timesteps)
Before writing anything it replays the deterministic loops of diffusers' own tests (tests/schedulers/test_scheduler_*.py)
and checks this transcription against the result sums/means printed there; those checks are stored too.

Run: /usr/bin/python3 scripts/scheduler-reference/generate.py   (needs python3-torch, python3-numpy and, for LMS's
coefficients, which diffusers integrates with scipy.integrate.quad, python3-scipy)
"""
import base64
import json
import math
import os
import sys

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'tests', 'fixtures', 'schedulers', 'reference.json')


def f32_b64(t):
    a = np.ascontiguousarray(np.asarray(t, dtype='<f4'))
    return base64.b64encode(a.tobytes()).decode('ascii')


# ---------------------------------------------------------------------------------------------------- schedule


def make_betas(cfg, defaults):
    n = cfg.get('num_train_timesteps', 1000)
    start = cfg.get('beta_start', defaults['beta_start'])
    end = cfg.get('beta_end', defaults['beta_end'])
    kind = cfg.get('beta_schedule', defaults['beta_schedule'])
    if cfg.get('trained_betas') is not None:
        return torch.tensor(cfg['trained_betas'], dtype=torch.float32)
    if kind == 'linear':
        return torch.linspace(start, end, n, dtype=torch.float32)
    if kind == 'scaled_linear':
        return torch.linspace(start ** 0.5, end ** 0.5, n, dtype=torch.float32) ** 2
    if kind == 'squaredcos_cap_v2':
        def abar(t):
            return math.cos((t + 0.008) / 1.008 * math.pi / 2) ** 2
        return torch.tensor([min(1 - abar((i + 1) / n) / abar(i / n), 0.999) for i in range(n)], dtype=torch.float32)
    raise ValueError(kind)


def rescale_zero_snr(betas):
    ab = torch.cumprod(1.0 - betas, dim=0).sqrt()
    first, last = ab[0].clone(), ab[-1].clone()
    ab -= last
    ab *= first / (first - last)
    bar = ab ** 2
    alphas = torch.cat([bar[0:1], bar[1:] / bar[:-1]])
    return 1 - alphas


def alphas_cumprod_for(cfg, defaults, rescale_ok=True, set_last=False):
    betas = make_betas(cfg, defaults)
    rescale = rescale_ok and cfg.get('rescale_betas_zero_snr', False)
    if rescale:
        betas = rescale_zero_snr(betas)
    ac = torch.cumprod(1.0 - betas, dim=0)
    if rescale and set_last:
        ac[-1] = 2 ** -24
    return ac


DDPM = dict(beta_start=0.0001, beta_end=0.02, beta_schedule='linear')
LCMD = dict(beta_start=0.00085, beta_end=0.012, beta_schedule='scaled_linear')
HEUN_D = dict(beta_start=0.00085, beta_end=0.012, beta_schedule='linear')


def index_for(timesteps, t, not_found=None):
    idx = (timesteps == t).nonzero()
    if len(idx) == 0:
        if not_found is not None:
            return not_found
        raise IndexError(t)
    return idx[1 if len(idx) > 1 else 0].item()


def sigma_to_t(sigma, log_sigmas):
    log_sigma = np.log(np.maximum(sigma, 1e-10))
    dists = log_sigma - log_sigmas[:, np.newaxis]
    low = np.cumsum((dists >= 0), axis=0).argmax(axis=0).clip(max=log_sigmas.shape[0] - 2)
    high = low + 1
    lo, hi = log_sigmas[low], log_sigmas[high]
    w = np.clip((lo - log_sigma) / (lo - hi), 0, 1)
    return ((1 - w) * low + w * high).reshape(np.shape(sigma))


def karras(in_sigmas, n, smin=None, smax=None):
    smin = smin if smin is not None else in_sigmas[-1].item()
    smax = smax if smax is not None else in_sigmas[0].item()
    ramp = np.linspace(0, 1, n)
    return (smax ** (1 / 7) + ramp * (smin ** (1 / 7) - smax ** (1 / 7))) ** 7


# ---------------------------------------------------------------------------------------------------- Euler family


class Euler:
    ancestral = False

    def __init__(self, **cfg):
        self.cfg = cfg
        self.T = cfg.get('num_train_timesteps', 1000)
        self.pred = cfg.get('prediction_type', 'epsilon')
        self.spacing = cfg.get('timestep_spacing', 'linspace')
        self.offset = cfg.get('steps_offset', 0)
        self.karras = cfg.get('use_karras_sigmas', False) and not self.ancestral
        self.final = cfg.get('final_sigmas_type', 'zero')
        self.ac = alphas_cumprod_for(cfg, DDPM, set_last=True)
        s = (((1 - self.ac) / self.ac) ** 0.5).flip(0)
        self.sigmas = torch.cat([s, torch.zeros(1)])
        self.step_index = None
        self.begin_index = None

    @property
    def init_noise_sigma(self):
        m = self.sigmas.max()
        return m if self.spacing in ('linspace', 'trailing') else (m ** 2 + 1) ** 0.5

    def set_timesteps(self, n):
        T = self.T
        if self.spacing == 'linspace':
            ts = np.linspace(0, T - 1, n, dtype=np.float32)[::-1].copy()
        elif self.spacing == 'leading':
            ts = (np.arange(0, n) * (T // n)).round()[::-1].copy().astype(np.float32)
            ts += self.offset
        else:
            ts = np.arange(T, 0, -T / n).round().copy().astype(np.float32)
            ts -= 1
        sig = np.array(((1 - self.ac) / self.ac) ** 0.5)
        log_sig = np.log(sig)
        sig = np.interp(ts, np.arange(0, len(sig)), sig)
        if self.karras:
            sig = karras(sig, n, self.cfg.get('sigma_min'), self.cfg.get('sigma_max'))
            ts = np.array([sigma_to_t(x, log_sig) for x in sig])
        last = ((1 - self.ac[0]) / self.ac[0]) ** 0.5 if self.final == 'sigma_min' else 0
        self.sigmas = torch.from_numpy(np.concatenate([sig, [last]]).astype(np.float32))
        self.timesteps = torch.from_numpy(ts.astype(np.float32))
        self.step_index = None
        self.begin_index = None

    def set_begin_index(self, i):
        self.begin_index = i

    def _init_index(self, t):
        if self.step_index is None:
            self.step_index = self.begin_index if self.begin_index is not None else index_for(self.timesteps, t)

    def scale_model_input(self, x, t):
        self._init_index(t)
        s = self.sigmas[self.step_index]
        return x / ((s ** 2 + 1) ** 0.5)

    def _x0(self, sigma, m, x):
        if self.pred == 'epsilon':
            return x - sigma * m
        if self.pred == 'v_prediction':
            return m * (-sigma / (sigma ** 2 + 1) ** 0.5) + (x / (sigma ** 2 + 1))
        return m

    def step(self, m, t, x, gen):
        self._init_index(t)
        sigma = self.sigmas[self.step_index]
        if not self.ancestral:
            sigma_hat = sigma * (0.0 + 1)
            x0 = self._x0(sigma_hat, m, x) if self.pred != 'v_prediction' else self._x0(sigma, m, x)
            d = (x - x0) / sigma_hat
            prev = x + d * (self.sigmas[self.step_index + 1] - sigma_hat)
        else:
            x0 = self._x0(sigma, m, x)
            s_to = self.sigmas[self.step_index + 1]
            up = (s_to ** 2 * (sigma ** 2 - s_to ** 2) / sigma ** 2) ** 0.5
            down = (s_to ** 2 - up ** 2) ** 0.5
            d = (x - x0) / sigma
            prev = x + d * (down - sigma)
            prev = prev + torch.randn(m.shape, generator=gen, dtype=m.dtype) * up
        self.step_index += 1
        return prev, x0

    def add_noise(self, x0, noise, t):
        if self.begin_index is None:
            i = index_for(self.timesteps, t)
        elif self.step_index is not None:
            i = self.step_index
        else:
            i = self.begin_index
        return x0 + noise * self.sigmas[i]


class EulerA(Euler):
    ancestral = True


# ---------------------------------------------------------------------------------------------------- DDPM family


def ddpm_add_noise(ac, x0, noise, t):
    a = ac.to(x0.dtype)[t]
    return a ** 0.5 * x0 + (1 - a) ** 0.5 * noise


class DDIM:
    def __init__(self, **cfg):
        self.T = cfg.get('num_train_timesteps', 1000)
        self.ac = alphas_cumprod_for(cfg, DDPM)
        self.final = torch.tensor(1.0) if cfg.get('set_alpha_to_one', True) else self.ac[0]
        self.clip = cfg.get('clip_sample', True)
        self.clip_range = cfg.get('clip_sample_range', 1.0)
        self.pred = cfg.get('prediction_type', 'epsilon')
        self.spacing = cfg.get('timestep_spacing', 'leading')
        self.offset = cfg.get('steps_offset', 0)
        self.init_noise_sigma = 1.0

    def set_timesteps(self, n):
        T = self.T
        self.n = n
        if self.spacing == 'linspace':
            ts = np.linspace(0, T - 1, n).round()[::-1].copy().astype(np.int64)
        elif self.spacing == 'leading':
            ts = (np.arange(0, n) * (T // n)).round()[::-1].copy().astype(np.int64) + self.offset
        else:
            ts = np.round(np.arange(T, 0, -T / n)).astype(np.int64) - 1
        self.timesteps = torch.from_numpy(ts)

    def set_begin_index(self, i):
        pass

    def scale_model_input(self, x, t):
        return x

    def step(self, m, t, x, gen, eta=0.0):
        prev_t = t - self.T // self.n
        a_t = self.ac[t]
        a_p = self.ac[prev_t] if prev_t >= 0 else self.final
        b_t = 1 - a_t
        if self.pred == 'epsilon':
            x0 = (x - b_t ** 0.5 * m) / a_t ** 0.5
            eps = m
        elif self.pred == 'sample':
            x0 = m
            eps = (x - a_t ** 0.5 * x0) / b_t ** 0.5
        else:
            x0 = a_t ** 0.5 * x - b_t ** 0.5 * m
            eps = a_t ** 0.5 * m + b_t ** 0.5 * x
        if self.clip:
            x0 = x0.clamp(-self.clip_range, self.clip_range)
        var = ((1 - a_p) / b_t) * (1 - a_t / a_p)
        std = eta * var ** 0.5
        prev = a_p ** 0.5 * x0 + (1 - a_p - std ** 2) ** 0.5 * eps
        if eta > 0:
            prev = prev + std * torch.randn(m.shape, generator=gen, dtype=m.dtype)
        return prev, x0

    def add_noise(self, x0, noise, t):
        return ddpm_add_noise(self.ac, x0, noise, t)


class PNDM:
    def __init__(self, **cfg):
        self.T = cfg.get('num_train_timesteps', 1000)
        self.ac = alphas_cumprod_for(cfg, DDPM, rescale_ok=False)
        self.final = torch.tensor(1.0) if cfg.get('set_alpha_to_one', False) else self.ac[0]
        self.skip = cfg.get('skip_prk_steps', False)
        self.pred = cfg.get('prediction_type', 'epsilon')
        self.spacing = cfg.get('timestep_spacing', 'leading')
        self.offset = cfg.get('steps_offset', 0)
        self.init_noise_sigma = 1.0

    def set_timesteps(self, n):
        T = self.T
        self.n = n
        if self.spacing == 'linspace':
            g = np.linspace(0, T - 1, n).round().astype(np.int64)
        elif self.spacing == 'leading':
            g = (np.arange(0, n) * (T // n)).round() + self.offset
        else:
            g = np.round(np.arange(T, 0, -T / n))[::-1].astype(np.int64) - 1
        if self.skip:
            self.prk = np.array([])
            self.plms = np.concatenate([g[:-1], g[-2:-1], g[-1:]])[::-1].copy()
        else:
            p = np.array(g[-4:]).repeat(2) + np.tile(np.array([0, T // n // 2]), 4)
            self.prk = (p[:-1].repeat(2)[1:-1])[::-1].copy()
            self.plms = g[:-3][::-1].copy()
        self.timesteps = torch.from_numpy(np.concatenate([self.prk, self.plms]).astype(np.int64))
        self.ets, self.counter, self.cur_out, self.cur_sample = [], 0, 0, None

    def set_begin_index(self, i):
        pass

    def scale_model_input(self, x, t):
        return x

    def step(self, m, t, x, gen):
        if self.counter < len(self.prk) and not self.skip:
            return self._prk(m, t, x), None
        return self._plms(m, t, x), None

    def _prk(self, m, t, x):
        diff = 0 if self.counter % 2 else self.T // self.n // 2
        prev_t = t - diff
        t = self.prk[self.counter // 4 * 4]
        c = self.counter % 4
        if c == 0:
            self.cur_out += 1 / 6 * m
            self.ets.append(m)
            self.cur_sample = x
        elif c in (1, 2):
            self.cur_out += 1 / 3 * m
        else:
            m = self.cur_out + 1 / 6 * m
            self.cur_out = 0
        cur = self.cur_sample if self.cur_sample is not None else x
        out = self._prev(cur, t, prev_t, m)
        self.counter += 1
        return out

    def _plms(self, m, t, x):
        prev_t = t - self.T // self.n
        if self.counter != 1:
            self.ets = self.ets[-3:]
            self.ets.append(m)
        else:
            prev_t = t
            t = t + self.T // self.n
        e = self.ets
        if len(e) == 1 and self.counter == 0:
            self.cur_sample = x
        elif len(e) == 1 and self.counter == 1:
            m = (m + e[-1]) / 2
            x = self.cur_sample
            self.cur_sample = None
        elif len(e) == 2:
            m = (3 * e[-1] - e[-2]) / 2
        elif len(e) == 3:
            m = (23 * e[-1] - 16 * e[-2] + 5 * e[-3]) / 12
        else:
            m = (1 / 24) * (55 * e[-1] - 59 * e[-2] + 37 * e[-3] - 9 * e[-4])
        out = self._prev(x, t, prev_t, m)
        self.counter += 1
        return out

    def _prev(self, x, t, prev_t, m):
        a_t = self.ac[t]
        a_p = self.ac[prev_t] if prev_t >= 0 else self.final
        b_t, b_p = 1 - a_t, 1 - a_p
        if self.pred == 'v_prediction':
            m = (a_t ** 0.5) * m + (b_t ** 0.5) * x
        coeff = (a_p / a_t) ** 0.5
        denom = a_t * b_p ** 0.5 + (a_t * b_t * a_p) ** 0.5
        return coeff * x - (a_p - a_t) * m / denom

    def add_noise(self, x0, noise, t):
        return ddpm_add_noise(self.ac, x0, noise, t)


# ---------------------------------------------------------------------------------------------------- DPM-Solver++


class DPM:
    def __init__(self, **cfg):
        self.cfg = cfg
        self.T = cfg.get('num_train_timesteps', 1000)
        self.ac = alphas_cumprod_for(cfg, DDPM, set_last=True)
        self.lambda_t = torch.log(torch.sqrt(self.ac)) - torch.log(torch.sqrt(1 - self.ac))
        self.order = cfg.get('solver_order', 2)
        self.pred = cfg.get('prediction_type', 'epsilon')
        self.algo = cfg.get('algorithm_type', 'dpmsolver++')
        self.stype = cfg.get('solver_type', 'midpoint')
        self.lof = cfg.get('lower_order_final', True)
        self.eaf = cfg.get('euler_at_final', False)
        self.karras = cfg.get('use_karras_sigmas', False)
        self.final = cfg.get('final_sigmas_type', 'zero')
        self.lmc = cfg.get('lambda_min_clipped', -float('inf'))
        self.spacing = cfg.get('timestep_spacing', 'linspace')
        self.offset = cfg.get('steps_offset', 0)
        self.sched = cfg.get('beta_schedule', 'linear')
        self.init_noise_sigma = 1.0

    def set_timesteps(self, n):
        clipped = torch.searchsorted(torch.flip(self.lambda_t, [0]), self.lmc)
        last_t = ((self.T - clipped).numpy()).item()
        if self.spacing == 'linspace':
            ts = np.linspace(0, last_t - 1, n + 1).round()[::-1][:-1].copy().astype(np.int64)
        elif self.spacing == 'leading':
            r = last_t // (n + 1)
            ts = (np.arange(0, n + 1) * r).round()[::-1][:-1].copy().astype(np.int64) + self.offset
        else:
            ts = np.arange(last_t, 0, -self.T / n).round().copy().astype(np.int64) - 1
        sig = np.array(((1 - self.ac) / self.ac) ** 0.5)
        log_sig = np.log(sig)
        if self.karras:
            sig = karras(np.flip(sig).copy(), n)
            ts = np.array([sigma_to_t(x, log_sig) for x in sig])
            if self.sched != 'squaredcos_cap_v2':
                ts = ts.round()
        else:
            sig = np.interp(ts, np.arange(0, len(sig)), sig)
        last = ((1 - self.ac[0]) / self.ac[0]) ** 0.5 if self.final == 'sigma_min' else 0
        self.sigmas = torch.from_numpy(np.concatenate([sig, [last]]).astype(np.float32))
        self.timesteps = torch.from_numpy(ts).to(dtype=torch.int64)
        self.outs = [None] * self.order
        self.lon = 0
        self.step_index = None
        self.begin_index = None

    def set_begin_index(self, i):
        self.begin_index = i

    def scale_model_input(self, x, t):
        return x

    @staticmethod
    def _as(s):
        a = 1 / ((s ** 2 + 1) ** 0.5)
        return a, s * a

    def _x0(self, m, x):
        a, s = self._as(self.sigmas[self.step_index])
        if self.pred == 'epsilon':
            return (x - s * m) / a
        if self.pred == 'v_prediction':
            return a * x - s * m
        return m

    def step(self, m, t, x, gen):
        if self.step_index is None:
            self.step_index = self.begin_index if self.begin_index is not None else index_for(self.timesteps, t, len(self.timesteps) - 1)
        i, L = self.step_index, len(self.timesteps)
        lof = i == L - 1 and (self.eaf or (self.lof and L < 15) or self.final == 'zero' or bool(self.sigmas[i + 1] == self.sigmas[i]))
        los = i == L - 2 and self.lof and L < 15
        m = self._x0(m, x)
        for k in range(self.order - 1):
            self.outs[k] = self.outs[k + 1]
        self.outs[-1] = m
        noise = torch.randn(m.shape, generator=gen, dtype=torch.float32) if self.algo == 'sde-dpmsolver++' else None
        if self.order == 1 or self.lon < 1 or lof:
            prev = self._first(m, x, noise)
        elif self.order == 2 or self.lon < 2 or los:
            prev = self._second(x, noise)
        else:
            prev = self._third(x)
        if self.lon < self.order:
            self.lon += 1
        self.step_index += 1
        return prev, m

    def _lam(self, j):
        a, s = self._as(self.sigmas[j])
        return a, s, torch.log(a) - torch.log(s)

    def _first(self, m, x, noise):
        i = self.step_index
        a_t, s_t, l_t = self._lam(i + 1)
        a_s, s_s, l_s = self._lam(i)
        h = l_t - l_s
        if self.algo == 'dpmsolver++':
            return (s_t / s_s) * x - (a_t * (torch.exp(-h) - 1.0)) * m
        return (s_t / s_s * torch.exp(-h)) * x + (a_t * (1 - torch.exp(-2.0 * h))) * m + s_t * torch.sqrt(1.0 - torch.exp(-2 * h)) * noise

    def _second(self, x, noise):
        i = self.step_index
        a_t, s_t, l_t = self._lam(i + 1)
        a_0, s_0, l_0 = self._lam(i)
        a_1, s_1, l_1 = self._lam(i - 1)
        m0, m1 = self.outs[-1], self.outs[-2]
        h, h0 = l_t - l_0, l_0 - l_1
        r0 = h0 / h
        D0, D1 = m0, (1.0 / r0) * (m0 - m1)
        if self.algo == 'dpmsolver++':
            if self.stype == 'midpoint':
                return (s_t / s_0) * x - (a_t * (torch.exp(-h) - 1.0)) * D0 - 0.5 * (a_t * (torch.exp(-h) - 1.0)) * D1
            return (s_t / s_0) * x - (a_t * (torch.exp(-h) - 1.0)) * D0 + (a_t * ((torch.exp(-h) - 1.0) / h + 1.0)) * D1
        if self.stype == 'midpoint':
            c = 0.5 * (a_t * (1 - torch.exp(-2.0 * h)))
        else:
            c = a_t * ((1.0 - torch.exp(-2.0 * h)) / (-2.0 * h) + 1.0)
        return (s_t / s_0 * torch.exp(-h)) * x + (a_t * (1 - torch.exp(-2.0 * h))) * D0 + c * D1 + s_t * torch.sqrt(1.0 - torch.exp(-2 * h)) * noise

    def _third(self, x):
        i = self.step_index
        a_t, s_t, l_t = self._lam(i + 1)
        a_0, s_0, l_0 = self._lam(i)
        _, _, l_1 = self._lam(i - 1)
        _, _, l_2 = self._lam(i - 2)
        m0, m1, m2 = self.outs[-1], self.outs[-2], self.outs[-3]
        h, h0, h1 = l_t - l_0, l_0 - l_1, l_1 - l_2
        r0, r1 = h0 / h, h1 / h
        D10, D11 = (1.0 / r0) * (m0 - m1), (1.0 / r1) * (m1 - m2)
        D1 = D10 + (r0 / (r0 + r1)) * (D10 - D11)
        D2 = (1.0 / (r0 + r1)) * (D10 - D11)
        return ((s_t / s_0) * x - (a_t * (torch.exp(-h) - 1.0)) * m0 + (a_t * ((torch.exp(-h) - 1.0) / h + 1.0)) * D1
                - (a_t * ((torch.exp(-h) - 1.0 + h) / h ** 2 - 0.5)) * D2)

    def add_noise(self, x0, noise, t):
        if self.begin_index is None:
            i = index_for(self.timesteps, t, len(self.timesteps) - 1)
        elif self.step_index is not None:
            i = self.step_index
        else:
            i = self.begin_index
        a, s = self._as(self.sigmas[i])
        return a * x0 + s * noise


# ---------------------------------------------------------------------------------------------------- LCM


class LCM:
    def __init__(self, **cfg):
        self.T = cfg.get('num_train_timesteps', 1000)
        self.ac = alphas_cumprod_for(cfg, LCMD)
        self.final = torch.tensor(1.0) if cfg.get('set_alpha_to_one', True) else self.ac[0]
        self.orig = cfg.get('original_inference_steps', 50)
        self.clip = cfg.get('clip_sample', False)
        self.clip_range = cfg.get('clip_sample_range', 1.0)
        self.scaling = cfg.get('timestep_scaling', 10.0)
        self.pred = cfg.get('prediction_type', 'epsilon')
        self.init_noise_sigma = 1.0

    def set_timesteps(self, n, strength=1.0):
        k = self.T // self.orig
        origin = np.asarray(list(range(1, int(self.orig * strength) + 1))) * k - 1
        assert len(origin) // n >= 1
        origin = origin[::-1].copy()
        idx = np.floor(np.linspace(0, len(origin), num=n, endpoint=False)).astype(np.int64)
        self.timesteps = torch.from_numpy(origin[idx]).to(dtype=torch.long)
        self.n = n
        self.step_index = None
        self.begin_index = None

    def set_begin_index(self, i):
        self.begin_index = i

    def scale_model_input(self, x, t):
        return x

    def step(self, m, t, x, gen):
        if self.step_index is None:
            self.step_index = self.begin_index if self.begin_index is not None else index_for(self.timesteps, t)
        j = self.step_index + 1
        prev_t = self.timesteps[j] if j < len(self.timesteps) else t
        a_t = self.ac[t]
        a_p = self.ac[prev_t] if prev_t >= 0 else self.final
        b_t, b_p = 1 - a_t, 1 - a_p
        scaled = t * self.scaling
        c_skip = 0.5 ** 2 / (scaled ** 2 + 0.5 ** 2)
        c_out = scaled / (scaled ** 2 + 0.5 ** 2) ** 0.5
        if self.pred == 'epsilon':
            x0 = (x - b_t.sqrt() * m) / a_t.sqrt()
        elif self.pred == 'sample':
            x0 = m
        else:
            x0 = a_t.sqrt() * x - b_t.sqrt() * m
        if self.clip:
            x0 = x0.clamp(-self.clip_range, self.clip_range)
        den = c_out * x0 + c_skip * x
        if self.step_index != self.n - 1:
            prev = a_p.sqrt() * den + b_p.sqrt() * torch.randn(m.shape, generator=gen, dtype=den.dtype)
        else:
            prev = den
        self.step_index += 1
        return prev, den

    def add_noise(self, x0, noise, t):
        return ddpm_add_noise(self.ac, x0, noise, t)


# ---------------------------------------------------------------------------------------------------- DDPM, LMS, Heun, UniPC


class DDPMScheduler:
    """scheduling_ddpm.py (variance_type fixed_small, fixed_small_log or fixed_large; no thresholding)."""

    def __init__(self, **cfg):
        self.T = cfg.get('num_train_timesteps', 1000)
        self.ac = alphas_cumprod_for(cfg, DDPM)
        self.one = torch.tensor(1.0)
        self.clip = cfg.get('clip_sample', True)
        self.clip_range = cfg.get('clip_sample_range', 1.0)
        self.pred = cfg.get('prediction_type', 'epsilon')
        self.spacing = cfg.get('timestep_spacing', 'leading')
        self.offset = cfg.get('steps_offset', 0)
        self.variance_type = cfg.get('variance_type', 'fixed_small')
        self.init_noise_sigma = 1.0

    def set_timesteps(self, n):
        T = self.T
        self.n = n
        if self.spacing == 'linspace':
            ts = np.linspace(0, T - 1, n).round()[::-1].copy().astype(np.int64)
        elif self.spacing == 'leading':
            ts = (np.arange(0, n) * (T // n)).round()[::-1].copy().astype(np.int64) + self.offset
        else:
            ts = np.round(np.arange(T, 0, -T / n)).astype(np.int64) - 1
        self.timesteps = torch.from_numpy(ts)

    def set_begin_index(self, i):
        pass  # DDPMScheduler has none; the img2img pipeline skips the call

    def scale_model_input(self, x, t):
        return x

    def previous_timestep(self, t):
        index = (self.timesteps == t).nonzero(as_tuple=True)[0][0]
        return -1 if index == self.timesteps.shape[0] - 1 else int(self.timesteps[index + 1])

    def _variance(self, t):
        prev_t = self.previous_timestep(t)
        a_t = self.ac[t]
        a_p = self.ac[prev_t] if prev_t >= 0 else self.one
        beta = 1 - a_t / a_p
        var = (1 - a_p) / (1 - a_t) * beta
        var = torch.clamp(var, min=1e-20)
        if self.variance_type == 'fixed_small_log':
            var = torch.log(var)
            var = torch.exp(0.5 * var)
        elif self.variance_type == 'fixed_large':
            var = beta
        return var

    def step(self, m, t, x, gen):
        t = int(t)
        prev_t = self.previous_timestep(t)
        a_t = self.ac[t]
        a_p = self.ac[prev_t] if prev_t >= 0 else self.one
        b_t, b_p = 1 - a_t, 1 - a_p
        cur_a = a_t / a_p
        cur_b = 1 - cur_a
        if self.pred == 'epsilon':
            x0 = (x - b_t ** (0.5) * m) / a_t ** (0.5)
        elif self.pred == 'sample':
            x0 = m
        else:
            x0 = (a_t ** 0.5) * x - (b_t ** 0.5) * m
        if self.clip:
            x0 = x0.clamp(-self.clip_range, self.clip_range)
        c0 = (a_p ** (0.5) * cur_b) / b_t
        c1 = cur_a ** (0.5) * b_p / b_t
        prev = c0 * x0 + c1 * x
        variance = 0
        if t > 0:
            noise = torch.randn(m.shape, generator=gen, dtype=m.dtype)
            if self.variance_type == 'fixed_small_log':
                variance = self._variance(t) * noise
            else:
                variance = (self._variance(t) ** 0.5) * noise
        return prev + variance, x0

    def add_noise(self, x0, noise, t):
        return ddpm_add_noise(self.ac, x0, noise, t)


class SigmaSchedule:
    """What LMS and Heun share with Euler: sigmas interpolated at spaced timesteps, k-diffusion input scaling."""

    karras_from_config = False

    def _grid(self, n):
        T = self.T
        if self.spacing == 'linspace':
            return np.linspace(0, T - 1, n, dtype=np.float32)[::-1].copy()
        if self.spacing == 'leading':
            ts = (np.arange(0, n) * (T // n)).round()[::-1].copy().astype(np.float32)
            return ts + self.offset
        ts = (np.arange(T, 0, -T / n)).round().copy().astype(np.float32)
        return ts - 1

    def _sigmas(self, n):
        ts = self._grid(n)
        sig = np.array(((1 - self.ac) / self.ac) ** 0.5)
        log_sig = np.log(sig)
        sig = np.interp(ts, np.arange(0, len(sig)), sig)
        if self.karras:
            sig = karras(sig, n)
            ts = np.array([sigma_to_t(x, log_sig) for x in sig])
        return ts, sig

    @property
    def init_noise_sigma(self):
        m = self.sigmas.max()
        return m if self.spacing in ('linspace', 'trailing') else (m ** 2 + 1) ** 0.5

    def set_begin_index(self, i):
        self.begin_index = i

    def _init_index(self, t):
        if self.step_index is None:
            self.step_index = self.begin_index if self.begin_index is not None else index_for(self.timesteps, t)

    def scale_model_input(self, x, t):
        self._init_index(t)
        s = self.sigmas[self.step_index]
        return x / ((s ** 2 + 1) ** 0.5)

    def add_noise(self, x0, noise, t):
        if self.begin_index is None:
            i = index_for(self.timesteps, t)
        elif self.step_index is not None:
            i = self.step_index
        else:
            i = self.begin_index
        return x0 + noise * self.sigmas[i]


class LMS(SigmaSchedule):
    """scheduling_lms_discrete.py (order 4, coefficients by scipy.integrate.quad as diffusers computes them)."""

    def __init__(self, **cfg):
        self.T = cfg.get('num_train_timesteps', 1000)
        self.ac = alphas_cumprod_for(cfg, DDPM, rescale_ok=False)
        self.pred = cfg.get('prediction_type', 'epsilon')
        self.spacing = cfg.get('timestep_spacing', 'linspace')
        self.offset = cfg.get('steps_offset', 0)
        self.karras = cfg.get('use_karras_sigmas', False)
        s = (((1 - self.ac) / self.ac) ** 0.5).flip(0)
        self.sigmas = torch.cat([s, torch.zeros(1)])
        self.step_index = None
        self.begin_index = None

    def set_timesteps(self, n):
        ts, sig = self._sigmas(n)
        self.sigmas = torch.from_numpy(np.concatenate([sig, [0.0]]).astype(np.float32))
        self.timesteps = torch.from_numpy(ts).to(dtype=torch.float32)
        self.step_index = None
        self.begin_index = None
        self.derivatives = []

    def lms_coefficient(self, order, t, current):
        from scipy import integrate

        def lms_derivative(tau):
            prod = 1.0
            for k in range(order):
                if current == k:
                    continue
                prod *= (tau - self.sigmas[t - k]) / (self.sigmas[t - current] - self.sigmas[t - k])
            return prod
        return integrate.quad(lms_derivative, self.sigmas[t], self.sigmas[t + 1], epsrel=1e-4)[0]

    def step(self, m, t, x, gen, order=4):
        self._init_index(t)
        sigma = self.sigmas[self.step_index]
        if self.pred == 'epsilon':
            x0 = x - sigma * m
        elif self.pred == 'v_prediction':
            x0 = m * (-sigma / (sigma ** 2 + 1) ** 0.5) + (x / (sigma ** 2 + 1))
        else:
            x0 = m
        self.derivatives.append((x - x0) / sigma)
        if len(self.derivatives) > order:
            self.derivatives.pop(0)
        order = min(self.step_index + 1, order)
        coeffs = [self.lms_coefficient(order, self.step_index, c) for c in range(order)]
        prev = x + sum(c * d for c, d in zip(coeffs, reversed(self.derivatives)))
        self.step_index += 1
        return prev, x0


class Heun(SigmaSchedule):
    """scheduling_heun_discrete.py: Karras et al. Algorithm 2 (second order, no churn); every sigma but the first twice."""

    scheduler_order = 2  # diffusers' class attribute `order`

    def __init__(self, **cfg):
        self.T = cfg.get('num_train_timesteps', 1000)
        self.ac = alphas_cumprod_for(cfg, HEUN_D, rescale_ok=False)
        self.pred = cfg.get('prediction_type', 'epsilon')
        self.spacing = cfg.get('timestep_spacing', 'linspace')
        self.offset = cfg.get('steps_offset', 0)
        self.karras = cfg.get('use_karras_sigmas', False)
        self.clip = cfg.get('clip_sample', False)
        self.clip_range = cfg.get('clip_sample_range', 1.0)
        self.set_timesteps(self.T)

    def set_timesteps(self, n):
        ts, sig = self._sigmas(n)
        sig = torch.from_numpy(np.concatenate([sig, [0.0]]).astype(np.float32))
        self.sigmas = torch.cat([sig[:1], sig[1:-1].repeat_interleave(2), sig[-1:]])
        ts = torch.from_numpy(ts)
        self.timesteps = torch.cat([ts[:1], ts[1:].repeat_interleave(2)]).to(dtype=torch.float32)
        self.prev_derivative = None
        self.dt = None
        self.step_index = None
        self.begin_index = None

    def step(self, m, t, x, gen):
        self._init_index(t)
        first = self.dt is None
        if first:
            sigma, sigma_next = self.sigmas[self.step_index], self.sigmas[self.step_index + 1]
        else:
            sigma, sigma_next = self.sigmas[self.step_index - 1], self.sigmas[self.step_index]
        sigma_hat = sigma * (0 + 1)
        sigma_input = sigma_hat if first else sigma_next
        if self.pred == 'epsilon':
            x0 = x - sigma_input * m
        elif self.pred == 'v_prediction':
            x0 = m * (-sigma_input / (sigma_input ** 2 + 1) ** 0.5) + (x / (sigma_input ** 2 + 1))
        else:
            x0 = m
        if self.clip:
            x0 = x0.clamp(-self.clip_range, self.clip_range)
        if first:
            d = (x - x0) / sigma_hat
            dt = sigma_next - sigma_hat
            self.prev_derivative, self.dt, self.sample = d, dt, x
        else:
            d = (x - x0) / sigma_next
            d = (self.prev_derivative + d) / 2
            dt = self.dt
            x = self.sample
            self.prev_derivative = self.dt = self.sample = None
        prev = x + d * dt
        self.step_index += 1
        return prev, x0


class UniPC:
    """scheduling_unipc_multistep.py: UniP predictor + UniC corrector (bh1/bh2), data or noise prediction, no solver_p."""

    def __init__(self, **cfg):
        self.cfg = cfg
        self.T = cfg.get('num_train_timesteps', 1000)
        self.ac = alphas_cumprod_for(cfg, DDPM, set_last=True)
        self.order_cfg = cfg.get('solver_order', 2)
        self.pred = cfg.get('prediction_type', 'epsilon')
        self.predict_x0 = cfg.get('predict_x0', True)
        st = cfg.get('solver_type', 'bh2')
        self.stype = 'bh2' if st in ('midpoint', 'heun', 'logrho') else st
        self.lof = cfg.get('lower_order_final', True)
        self.disable_corrector = cfg.get('disable_corrector', [])
        self.karras = cfg.get('use_karras_sigmas', False)
        self.final = cfg.get('final_sigmas_type', 'zero')
        self.spacing = cfg.get('timestep_spacing', 'linspace')
        self.offset = cfg.get('steps_offset', 0)
        self.init_noise_sigma = 1.0

    def set_timesteps(self, n):
        T = self.T
        if self.spacing == 'linspace':
            ts = np.linspace(0, T - 1, n + 1).round()[::-1][:-1].copy().astype(np.int64)
        elif self.spacing == 'leading':
            r = T // (n + 1)
            ts = (np.arange(0, n + 1) * r).round()[::-1][:-1].copy().astype(np.int64) + self.offset
        else:
            ts = np.arange(T, 0, -T / n).round().copy().astype(np.int64) - 1
        sig = np.array(((1 - self.ac) / self.ac) ** 0.5)
        if self.karras:
            log_sig = np.log(sig)
            sig = np.flip(sig).copy()
            sig = karras(sig, n, self.cfg.get('sigma_min'), self.cfg.get('sigma_max'))
            ts = np.array([sigma_to_t(x, log_sig) for x in sig]).round()
            last = sig[-1] if self.final == 'sigma_min' else 0
        else:
            sig = np.interp(ts, np.arange(0, len(sig)), sig)
            last = ((1 - self.ac[0]) / self.ac[0]) ** 0.5 if self.final == 'sigma_min' else 0
        self.sigmas = torch.from_numpy(np.concatenate([sig, [last]]).astype(np.float32))
        self.timesteps = torch.from_numpy(ts).to(dtype=torch.int64)
        self.outs = [None] * self.order_cfg
        self.lon = 0
        self.last_sample = None
        self.step_index = None
        self.begin_index = None

    def set_begin_index(self, i):
        self.begin_index = i

    def scale_model_input(self, x, t):
        return x

    @staticmethod
    def _as(s):
        a = 1 / ((s ** 2 + 1) ** 0.5)
        return a, s * a

    def _lam(self, j):
        a, s = self._as(self.sigmas[j])
        return a, s, torch.log(a) - torch.log(s)

    def _convert(self, m, x):
        a, s = self._as(self.sigmas[self.step_index])
        if self.predict_x0:
            if self.pred == 'epsilon':
                return (x - s * m) / a
            if self.pred == 'sample':
                return m
            return a * x - s * m
        if self.pred == 'epsilon':
            return m
        if self.pred == 'sample':
            return (x - a * m) / s
        return a * m + s * x

    def _coeffs(self, h, rks_list, order):
        rks = torch.stack(rks_list + [torch.ones(())])
        R, b = [], []
        hh = -h if self.predict_x0 else h
        h_phi_1 = torch.expm1(hh)
        h_phi_k = h_phi_1 / hh - 1
        fact = 1
        B_h = hh if self.stype == 'bh1' else torch.expm1(hh)
        for i in range(1, order + 1):
            R.append(torch.pow(rks, i - 1))
            b.append(h_phi_k * fact / B_h)
            fact *= i + 1
            h_phi_k = h_phi_k / hh - 1 / fact
        return torch.stack(R), torch.stack(b), h_phi_1, B_h

    def _predict(self, x, order):
        i = self.step_index
        m0 = self.outs[-1]
        a_t, s_t, l_t = self._lam(i + 1)
        a_0, s_0, l_0 = self._lam(i)
        h = l_t - l_0
        rks, D1s = [], []
        for k in range(1, order):
            _, _, l_k = self._lam(i - k)
            rk = (l_k - l_0) / h
            rks.append(rk)
            D1s.append((self.outs[-(k + 1)] - m0) / rk)
        R, b, h_phi_1, B_h = self._coeffs(h, rks, order)
        if D1s:
            D1s = torch.stack(D1s, dim=1)
            rhos = torch.ones(1) * 0.5 if order == 2 else torch.linalg.solve(R[:-1, :-1], b[:-1])
            res = torch.einsum('k,bkc...->bc...', rhos, D1s)
        else:
            res = 0
        if self.predict_x0:
            return s_t / s_0 * x - a_t * h_phi_1 * m0 - a_t * B_h * res
        return a_t / a_0 * x - s_t * h_phi_1 * m0 - s_t * B_h * res

    def _correct(self, model_t, x, order):
        i = self.step_index
        m0 = self.outs[-1]
        a_t, s_t, l_t = self._lam(i)
        a_0, s_0, l_0 = self._lam(i - 1)
        h = l_t - l_0
        rks, D1s = [], []
        for k in range(1, order):
            _, _, l_k = self._lam(i - (k + 1))
            rk = (l_k - l_0) / h
            rks.append(rk)
            D1s.append((self.outs[-(k + 1)] - m0) / rk)
        R, b, h_phi_1, B_h = self._coeffs(h, rks, order)
        D1s = torch.stack(D1s, dim=1) if D1s else None
        rhos = torch.ones(1) * 0.5 if order == 1 else torch.linalg.solve(R, b)
        corr = torch.einsum('k,bkc...->bc...', rhos[:-1], D1s) if D1s is not None else 0
        D1_t = model_t - m0
        if self.predict_x0:
            return s_t / s_0 * x - a_t * h_phi_1 * m0 - a_t * B_h * (corr + rhos[-1] * D1_t)
        return a_t / a_0 * x - s_t * h_phi_1 * m0 - s_t * B_h * (corr + rhos[-1] * D1_t)

    def step(self, m, t, x, gen):
        if self.step_index is None:
            self.step_index = self.begin_index if self.begin_index is not None else index_for(self.timesteps, t, len(self.timesteps) - 1)
        use_corrector = self.step_index > 0 and (self.step_index - 1) not in self.disable_corrector and self.last_sample is not None
        mc = self._convert(m, x)
        if use_corrector:
            x = self._correct(mc, self.last_sample, self.this_order)
        for k in range(self.order_cfg - 1):
            self.outs[k] = self.outs[k + 1]
        self.outs[-1] = mc
        this_order = min(self.order_cfg, len(self.timesteps) - self.step_index) if self.lof else self.order_cfg
        self.this_order = min(this_order, self.lon + 1)
        self.last_sample = x
        prev = self._predict(x, self.this_order)
        if self.lon < self.order_cfg:
            self.lon += 1
        self.step_index += 1
        return prev, mc if self.predict_x0 else None

    def add_noise(self, x0, noise, t):
        if self.begin_index is None:
            i = index_for(self.timesteps, t, len(self.timesteps) - 1)
        elif self.step_index is not None:
            i = self.step_index
        else:
            i = self.begin_index
        a, s = self._as(self.sigmas[i])
        return a * x0 + s * noise


def guidance_embedding(w, dim):
    w = torch.tensor([w]) * 1000.0
    half = dim // 2
    e = torch.log(torch.tensor(10000.0)) / (half - 1)
    e = torch.exp(torch.arange(half, dtype=torch.float32) * -e)
    e = w.to(torch.float32)[:, None] * e[None, :]
    e = torch.cat([torch.sin(e), torch.cos(e)], dim=1)
    if dim % 2 == 1:
        e = torch.nn.functional.pad(e, (0, 1))
    return e[0]


CLASSES = {'pndm': PNDM, 'euler': Euler, 'euler-ancestral': EulerA, 'ddim': DDIM, 'dpm': DPM, 'lcm': LCM,
           'ddpm': DDPMScheduler, 'lms': LMS, 'heun': Heun, 'unipc': UniPC}


# ---------------------------------------------------------------------------------------------------- loops


def dummy_sample_deter(shape=(4, 3, 8, 8), flip=False):
    n = int(np.prod(shape))
    s = torch.arange(n)
    if flip:
        s = s.flip(-1)
    s = s.reshape(shape[1], shape[2], shape[3], shape[0]) / n
    return s.permute(3, 0, 1, 2)


def dummy_model(x, t):
    return x * t / (t + 1)


def pattern(n, seed):
    """A fixed, signed, non-linear pattern (no RNG) used by the SD-style loops."""
    i = torch.arange(n, dtype=torch.float32)
    return torch.sin(i * 0.731 + seed) * 0.9 + torch.cos(i * 0.117 * (seed + 1)) * 0.3


class Recorder:
    """A torch CPU generator whose draws are kept so the TypeScript tests can replay them."""

    def __init__(self, seed):
        self.gen = torch.Generator().manual_seed(seed)
        self.draws = []

    def wrap(self):
        rec = self
        orig = torch.randn

        def randn(*shape, generator=None, dtype=None, **kw):
            out = orig(*shape, generator=generator, dtype=dtype, **kw)
            if generator is rec.gen:
                rec.draws.append(out.reshape(-1).clone())
            return out
        return randn


def run_loop(kind, sched, style, steps, model='dummy', strength=None, t_start=None, seed=0, shape=(4, 3, 8, 8), eta=0.0, init='deter'):
    """style: 'euler-test' (sample overwritten by scale_model_input, as diffusers' Euler tests do), 'plain'
    (residual = model(sample, t)), 'pipeline' (scaled input goes to the model only, as the SD pipelines do)."""
    rec = Recorder(seed)
    torch_randn = torch.randn
    torch.randn = rec.wrap()
    try:
        n_el = int(np.prod(shape))
        x = dummy_sample_deter(shape) if init == 'deter' else pattern(n_el, 3).reshape(shape)
        noise_img = dummy_sample_deter(shape, flip=True) if init == 'deter' else pattern(n_el, 5).reshape(shape)
        if strength is not None:
            if isinstance(sched, LCM):
                sched.set_timesteps(steps, strength)
                ts = sched.timesteps
            else:
                sched.set_timesteps(steps)
                init_t = min(int(steps * strength), steps)
                ts0 = max(steps - init_t, 0)
                order = getattr(sched, 'scheduler_order', 1)
                ts = sched.timesteps[ts0 * order:]
                sched.set_begin_index(ts0 * order)
            x = sched.add_noise(x, noise_img, ts[:1] if not isinstance(sched, (DDIM, PNDM, LCM, DDPMScheduler)) else ts[0])
        else:
            sched.set_timesteps(steps)
            ts = sched.timesteps
            if t_start is not None:
                ts = ts[t_start * getattr(sched, 'scheduler_order', 1):]
                x = sched.add_noise(x * sched.init_noise_sigma, noise_img, ts[:1] if not isinstance(sched, (DDIM, PNDM, LCM, DDPMScheduler)) else ts[0])
            else:
                x = x * sched.init_noise_sigma
        x0s = []
        for t in ts:
            if style == 'euler-test':
                x = sched.scale_model_input(x, t)
                inp = x
            else:
                inp = sched.scale_model_input(x, t)
            if model == 'dummy':
                out = dummy_model(inp, t)
            else:
                out = model(inp, t)
            if isinstance(sched, DDIM):
                x, x0 = sched.step(out, t, x, rec.gen, eta)
            else:
                x, x0 = sched.step(out, t, x, rec.gen)
            if x0 is not None:
                x0s.append(x0)
        return x, ts, rec.draws, x0s
    finally:
        torch.randn = torch_randn


def sd_model(pat):
    def m(x, t):
        # eps-like output that depends on the input and the timestep, all in float32.
        return x * 0.8 + pat * (t / 1000.0)
    return m


# ---------------------------------------------------------------------------------------------------- main

def main():
    checks = []
    cases = []

    def check(name, got, want, tol):
        ok = abs(got - want) < tol
        checks.append({'test': name, 'got': got, 'expected': want, 'tolerance': tol, 'ok': ok})
        print(('OK  ' if ok else 'FAIL') + f' {name}: got {got:.6f}, diffusers expects {want} (tol {tol})')

    def summary(x):
        return torch.sum(torch.abs(x)).item(), torch.mean(torch.abs(x)).item()

    def record(cid, kind, cfg, steps, style, loop_kwargs=None, diffusers=None, tol_sum=1e-2, tol_mean=1e-3, model='dummy', pat_seed=None, store=True):
        loop_kwargs = loop_kwargs or {}
        sched = CLASSES[kind](**cfg)
        mdl = 'dummy'
        if model == 'sd':
            n_el = int(np.prod(loop_kwargs.get('shape', (4, 3, 8, 8))))
            mdl = sd_model(pattern(n_el, pat_seed or 1).reshape(loop_kwargs.get('shape', (4, 3, 8, 8))))
        x, ts, draws, x0s = run_loop(kind, sched, style, steps, model=mdl, **loop_kwargs)
        s, m = summary(x)
        if diffusers:
            if 'sum' in diffusers:
                check(f'{diffusers["test"]} result_sum', s, diffusers['sum'], tol_sum)
            if 'mean' in diffusers:
                check(f'{diffusers["test"]} result_mean', m, diffusers['mean'], tol_mean)
        case = {
            'id': cid, 'scheduler': kind, 'config': cfg, 'steps': steps, 'style': style, 'model': model,
            'modelPatternSeed': pat_seed, 'loop': {k: v for k, v in loop_kwargs.items() if k != 'shape'},
            'shape': list(loop_kwargs.get('shape', (4, 3, 8, 8))),
            'timesteps': [float(t) for t in ts], 'sigmas': [float(v) for v in getattr(sched, 'sigmas', [])] if hasattr(sched, 'sigmas') else None,
            'initNoiseSigma': float(sched.init_noise_sigma), 'resultSum': s, 'resultMean': m, 'result': f32_b64(x.reshape(-1)),
            'lastPredOriginal': f32_b64(x0s[-1].reshape(-1)) if x0s else None,
            'noise': f32_b64(torch.cat(draws)) if draws else None, 'noiseDraws': len(draws),
        }
        if diffusers:
            case['diffusers'] = diffusers
        if store:
            cases.append(case)

    # --- diffusers' own deterministic test loops (tests/schedulers/test_scheduler_*.py) ---
    eu = dict(num_train_timesteps=1100, beta_start=0.0001, beta_end=0.02, beta_schedule='linear')
    record('euler/test_full_loop_no_noise', 'euler', eu, 10, 'euler-test', diffusers={'test': 'test_scheduler_euler.py::test_full_loop_no_noise', 'sum': 10.0807, 'mean': 0.0131})
    record('euler/test_full_loop_with_v_prediction', 'euler', dict(eu, prediction_type='v_prediction'), 10, 'euler-test', diffusers={'test': 'test_scheduler_euler.py::test_full_loop_with_v_prediction', 'sum': 0.0002, 'mean': 2.2676e-06})
    record('euler/test_full_loop_device_karras_sigmas', 'euler', dict(eu, use_karras_sigmas=True), 10, 'euler-test', diffusers={'test': 'test_scheduler_euler.py::test_full_loop_device_karras_sigmas', 'sum': 124.52299499511719, 'mean': 0.16213932633399963})
    record('euler/test_full_loop_with_noise', 'euler', eu, 10, 'euler-test', {'t_start': 8}, diffusers={'test': 'test_scheduler_euler.py::test_full_loop_with_noise', 'sum': 57062.9297, 'mean': 74.3007})
    record('euler-ancestral/test_full_loop_no_noise', 'euler-ancestral', eu, 10, 'euler-test', diffusers={'test': 'test_scheduler_euler_ancestral.py::test_full_loop_no_noise', 'sum': 152.3192, 'mean': 0.1983})
    record('euler-ancestral/test_full_loop_with_v_prediction', 'euler-ancestral', dict(eu, prediction_type='v_prediction'), 10, 'euler-test', diffusers={'test': 'test_scheduler_euler_ancestral.py::test_full_loop_with_v_prediction', 'sum': 108.4439, 'mean': 0.1412})
    dd = dict(num_train_timesteps=1000, beta_start=0.0001, beta_end=0.02, beta_schedule='linear', clip_sample=True)
    record('ddim/test_full_loop_no_noise', 'ddim', dd, 10, 'plain', diffusers={'test': 'test_scheduler_ddim.py::test_full_loop_no_noise', 'sum': 172.0067, 'mean': 0.223967})
    record('ddim/test_full_loop_with_v_prediction', 'ddim', dict(dd, prediction_type='v_prediction'), 10, 'plain', diffusers={'test': 'test_scheduler_ddim.py::test_full_loop_with_v_prediction', 'sum': 52.5302, 'mean': 0.0684})
    record('ddim/test_full_loop_with_set_alpha_to_one', 'ddim', dict(dd, set_alpha_to_one=True, beta_start=0.01), 10, 'plain', diffusers={'test': 'test_scheduler_ddim.py::test_full_loop_with_set_alpha_to_one', 'sum': 149.8295, 'mean': 0.1951})
    record('ddim/test_full_loop_with_no_set_alpha_to_one', 'ddim', dict(dd, set_alpha_to_one=False, beta_start=0.01), 10, 'plain', diffusers={'test': 'test_scheduler_ddim.py::test_full_loop_with_no_set_alpha_to_one', 'sum': 149.0784, 'mean': 0.1941})
    record('ddim/test_full_loop_with_noise', 'ddim', dd, 10, 'plain', {'t_start': 8}, diffusers={'test': 'test_scheduler_ddim.py::test_full_loop_with_noise', 'sum': 354.5418, 'mean': 0.4616})
    pn = dict(num_train_timesteps=1000, beta_start=0.0001, beta_end=0.02, beta_schedule='linear')
    record('pndm/test_full_loop_no_noise', 'pndm', pn, 10, 'plain', diffusers={'test': 'test_scheduler_pndm.py::test_full_loop_no_noise', 'sum': 198.1318, 'mean': 0.2580})
    record('pndm/test_full_loop_with_v_prediction', 'pndm', dict(pn, prediction_type='v_prediction'), 10, 'plain', diffusers={'test': 'test_scheduler_pndm.py::test_full_loop_with_v_prediction', 'sum': 67.3986, 'mean': 0.0878})
    record('pndm/test_full_loop_with_set_alpha_to_one', 'pndm', dict(pn, set_alpha_to_one=True, beta_start=0.01), 10, 'plain', diffusers={'test': 'test_scheduler_pndm.py::test_full_loop_with_set_alpha_to_one', 'sum': 230.0399, 'mean': 0.2995})
    record('pndm/test_full_loop_with_no_set_alpha_to_one', 'pndm', dict(pn, set_alpha_to_one=False, beta_start=0.01), 10, 'plain', diffusers={'test': 'test_scheduler_pndm.py::test_full_loop_with_no_set_alpha_to_one', 'sum': 186.9482, 'mean': 0.2434})
    dp = dict(num_train_timesteps=1000, beta_start=0.0001, beta_end=0.02, beta_schedule='linear', solver_order=2, prediction_type='epsilon',
              algorithm_type='dpmsolver++', solver_type='midpoint', lower_order_final=False, euler_at_final=False, final_sigmas_type='sigma_min')
    record('dpm/test_full_loop_no_noise', 'dpm', dp, 10, 'plain', diffusers={'test': 'test_scheduler_dpm_multi.py::test_full_loop_no_noise', 'mean': 0.3301})
    record('dpm/test_full_loop_with_v_prediction', 'dpm', dict(dp, prediction_type='v_prediction'), 10, 'plain', diffusers={'test': 'test_scheduler_dpm_multi.py::test_full_loop_with_v_prediction', 'mean': 0.2251})
    record('dpm/test_full_loop_with_karras_and_v_prediction', 'dpm', dict(dp, prediction_type='v_prediction', use_karras_sigmas=True), 10, 'plain', diffusers={'test': 'test_scheduler_dpm_multi.py::test_full_loop_with_karras_and_v_prediction', 'mean': 0.2096})
    record('dpm/test_full_loop_with_noise', 'dpm', dp, 10, 'plain', {'t_start': 5}, diffusers={'test': 'test_scheduler_dpm_multi.py::test_full_loop_with_noise', 'sum': 318.4111, 'mean': 0.4146})
    lc = dict(num_train_timesteps=1000, beta_start=0.00085, beta_end=0.0120, beta_schedule='scaled_linear', prediction_type='epsilon')
    record('lcm/test_full_loop_onestep', 'lcm', lc, 1, 'plain', diffusers={'test': 'test_scheduler_lcm.py::test_full_loop_onestep', 'sum': 18.7097, 'mean': 0.0244}, tol_sum=1e-3)
    record('lcm/test_full_loop_multistep', 'lcm', lc, 10, 'plain', diffusers={'test': 'test_scheduler_lcm.py::test_full_loop_multistep', 'sum': 197.7616, 'mean': 0.2575}, tol_sum=1e-3)

    # DDPM: diffusers' no-noise loops draw variance noise at 999 of their 1000 steps; checked here, not stored (3 MB of noise).
    dm = dict(num_train_timesteps=1000, beta_start=0.0001, beta_end=0.02, beta_schedule='linear', variance_type='fixed_small', clip_sample=True)
    record('ddpm/test_full_loop_no_noise', 'ddpm', dm, 1000, 'plain', diffusers={'test': 'test_scheduler_ddpm.py::test_full_loop_no_noise', 'sum': 258.9606, 'mean': 0.3372}, store=False)
    record('ddpm/test_full_loop_with_v_prediction', 'ddpm', dict(dm, prediction_type='v_prediction'), 1000, 'plain', diffusers={'test': 'test_scheduler_ddpm.py::test_full_loop_with_v_prediction', 'sum': 202.0296, 'mean': 0.2631}, store=False)
    record('ddpm/test_full_loop_with_noise', 'ddpm', dm, 1000, 'plain', {'t_start': 998}, diffusers={'test': 'test_scheduler_ddpm.py::test_full_loop_with_noise', 'sum': 387.9466, 'mean': 0.5051})
    record('lms/test_full_loop_no_noise', 'lms', eu, 10, 'euler-test', diffusers={'test': 'test_scheduler_lms.py::test_full_loop_no_noise', 'sum': 1006.388, 'mean': 1.31})
    record('lms/test_full_loop_with_v_prediction', 'lms', dict(eu, prediction_type='v_prediction'), 10, 'euler-test', diffusers={'test': 'test_scheduler_lms.py::test_full_loop_with_v_prediction', 'sum': 0.0017, 'mean': 2.2676e-06})
    record('lms/test_full_loop_device_karras_sigmas', 'lms', dict(eu, use_karras_sigmas=True), 10, 'euler-test', diffusers={'test': 'test_scheduler_lms.py::test_full_loop_device_karras_sigmas', 'sum': 3812.9927, 'mean': 4.9648}, tol_sum=2e-2)
    record('lms/test_full_loop_with_noise', 'lms', eu, 10, 'euler-test', {'t_start': 8}, diffusers={'test': 'test_scheduler_lms.py::test_full_loop_with_noise', 'sum': 27663.6895, 'mean': 36.0204})
    record('heun/test_full_loop_no_noise', 'heun', eu, 10, 'euler-test', diffusers={'test': 'test_scheduler_heun.py::test_full_loop_no_noise', 'sum': 0.1233, 'mean': 0.0002})
    record('heun/test_full_loop_with_v_prediction', 'heun', dict(eu, prediction_type='v_prediction'), 10, 'euler-test', diffusers={'test': 'test_scheduler_heun.py::test_full_loop_with_v_prediction', 'sum': 4.6934e-07, 'mean': 6.1112e-10})
    record('heun/test_full_loop_device_karras_sigmas', 'heun', dict(eu, use_karras_sigmas=True), 10, 'euler-test', diffusers={'test': 'test_scheduler_heun.py::test_full_loop_device_karras_sigmas', 'sum': 0.00015, 'mean': 1.9869554535034695e-07}, tol_mean=1e-2)
    record('heun/test_full_loop_with_noise', 'heun', eu, 10, 'euler-test', {'t_start': 8}, diffusers={'test': 'test_scheduler_heun.py::test_full_loop_with_noise', 'sum': 75074.8906, 'mean': 97.7538})
    up = dict(num_train_timesteps=1000, beta_start=0.0001, beta_end=0.02, beta_schedule='linear', solver_order=2, solver_type='bh2', final_sigmas_type='sigma_min')
    record('unipc/test_full_loop_no_noise', 'unipc', up, 10, 'plain', diffusers={'test': 'test_scheduler_unipc.py::test_full_loop_no_noise', 'mean': 0.2464})
    record('unipc/test_full_loop_with_karras', 'unipc', dict(up, use_karras_sigmas=True), 10, 'plain', diffusers={'test': 'test_scheduler_unipc.py::test_full_loop_with_karras', 'mean': 0.2925})
    record('unipc/test_full_loop_with_v_prediction', 'unipc', dict(up, prediction_type='v_prediction'), 10, 'plain', diffusers={'test': 'test_scheduler_unipc.py::test_full_loop_with_v_prediction', 'mean': 0.1014})
    record('unipc/test_full_loop_with_karras_and_v_prediction', 'unipc', dict(up, prediction_type='v_prediction', use_karras_sigmas=True), 10, 'plain', diffusers={'test': 'test_scheduler_unipc.py::test_full_loop_with_karras_and_v_prediction', 'mean': 0.1966})
    record('unipc/test_full_loop_with_noise', 'unipc', up, 10, 'plain', {'t_start': 8}, diffusers={'test': 'test_scheduler_unipc.py::test_full_loop_with_noise', 'sum': 315.5757, 'mean': 0.4109})

    # --- Stable Diffusion set-ups (configs as published with the models), SD-style loops ---
    sd15 = dict(_class_name='PNDMScheduler', beta_end=0.012, beta_schedule='scaled_linear', beta_start=0.00085, num_train_timesteps=1000,
                set_alpha_to_one=False, skip_prk_steps=True, steps_offset=1, trained_betas=None, clip_sample=False)
    turbo = dict(_class_name='EulerDiscreteScheduler', beta_end=0.012, beta_schedule='scaled_linear', beta_start=0.00085, clip_sample=False,
                 interpolation_type='linear', num_train_timesteps=1000, prediction_type='epsilon', set_alpha_to_one=False, skip_prk_steps=True,
                 steps_offset=1, timestep_spacing='trailing', trained_betas=None, use_karras_sigmas=False)
    lcm_cfg = dict(_class_name='LCMScheduler', beta_end=0.012, beta_schedule='scaled_linear', beta_start=0.00085, clip_sample=False,
                   num_train_timesteps=1000, original_inference_steps=50, prediction_type='epsilon', set_alpha_to_one=True, steps_offset=1,
                   timestep_scaling=10.0, timestep_spacing='leading', trained_betas=None)
    shape = (2, 4, 4, 4)
    L = {'shape': shape, 'init': 'pattern'}
    dpm_sd = dict(sd15, _class_name='DPMSolverMultistepScheduler', algorithm_type='dpmsolver++', solver_order=2)
    sd_cases = [
        ('sd15/pndm-plms-50', 'pndm', sd15, 50, {}),
        ('sd15/pndm-plms-20-v', 'pndm', dict(sd15, prediction_type='v_prediction'), 20, {}),
        ('sd15/pndm-prk-default-10', 'pndm', {k: v for k, v in sd15.items() if k != 'skip_prk_steps'}, 10, {}),
        ('sd15/euler-linspace-20', 'euler', dict(sd15, _class_name='EulerDiscreteScheduler'), 20, {}),
        ('sd15/euler-leading-30', 'euler', dict(sd15, _class_name='EulerDiscreteScheduler', timestep_spacing='leading'), 30, {}),
        ('sd15/euler-karras-25', 'euler', dict(sd15, _class_name='EulerDiscreteScheduler', use_karras_sigmas=True), 25, {}),
        ('sd15/euler-v-20', 'euler', dict(sd15, _class_name='EulerDiscreteScheduler', prediction_type='v_prediction'), 20, {}),
        ('sd15/euler-a-20', 'euler-ancestral', dict(sd15, _class_name='EulerAncestralDiscreteScheduler'), 20, {'seed': 42}),
        ('sd15/euler-a-leading-15-v', 'euler-ancestral', dict(sd15, timestep_spacing='leading', prediction_type='v_prediction'), 15, {'seed': 7}),
        ('sd15/ddim-50', 'ddim', sd15, 50, {}),
        ('sd15/ddim-25-v', 'ddim', dict(sd15, prediction_type='v_prediction'), 25, {}),
        ('sd15/ddim-20-eta', 'ddim', sd15, 20, {'eta': 0.5, 'seed': 3}),
        ('sd15/ddim-10-trailing-clip', 'ddim', dict(sd15, timestep_spacing='trailing', clip_sample=True, clip_sample_range=1.5), 10, {}),
        ('sd15/ddim-12-linspace-alpha-one', 'ddim', dict(sd15, timestep_spacing='linspace', set_alpha_to_one=True), 12, {}),
        ('sd15/dpmpp-2m-20', 'dpm', dpm_sd, 20, {}),
        ('sd15/dpmpp-2m-karras-20', 'dpm', dict(dpm_sd, use_karras_sigmas=True), 20, {}),
        ('sd15/dpmpp-2m-karras-8-v', 'dpm', dict(dpm_sd, use_karras_sigmas=True, prediction_type='v_prediction'), 8, {}),
        ('sd15/dpmpp-2m-25-leading', 'dpm', dict(dpm_sd, timestep_spacing='leading'), 25, {}),
        ('sd15/dpmpp-2m-karras-30', 'dpm', dict(dpm_sd, use_karras_sigmas=True), 30, {}),
        ('sd15/dpmpp-3m-12', 'dpm', dict(dpm_sd, solver_order=3), 12, {}),
        ('sd15/dpmpp-3m-20', 'dpm', dict(dpm_sd, solver_order=3), 20, {}),
        ('sd15/dpmpp-2m-heun-16', 'dpm', dict(dpm_sd, solver_type='heun'), 16, {}),
        ('sd15/dpmpp-2m-sde-karras-12', 'dpm', dict(dpm_sd, algorithm_type='sde-dpmsolver++', use_karras_sigmas=True), 12, {'seed': 11}),
        ('sd15/dpmpp-2m-cosine-clipped-10', 'dpm', dict(dpm_sd, beta_schedule='squaredcos_cap_v2', lambda_min_clipped=-5.1), 10, {}),
        ('sd15/ddim-cosine-10', 'ddim', dict(sd15, beta_schedule='squaredcos_cap_v2'), 10, {}),
        ('sd15/euler-a-linear-trained-10', 'euler-ancestral', dict(sd15, beta_schedule='linear', beta_start=0.0001, beta_end=0.02, trained_betas=[float(x) for x in np.linspace(0.0001, 0.02, 1000)]), 10, {'seed': 21}),
        ('sd21v/euler-zero-snr-trailing-v-10', 'euler', dict(sd15, _class_name='EulerDiscreteScheduler', prediction_type='v_prediction', rescale_betas_zero_snr=True, timestep_spacing='trailing'), 10, {}),
        ('sd21v/ddim-zero-snr-trailing-v-10', 'ddim', dict(sd15, prediction_type='v_prediction', rescale_betas_zero_snr=True, timestep_spacing='trailing'), 10, {}),
        ('sd15/euler-sample-10', 'euler', dict(sd15, prediction_type='sample'), 10, {}),
        ('sd15/ddim-sample-clip-10', 'ddim', dict(sd15, prediction_type='sample', clip_sample=True), 10, {}),
        ('sd15/dpmpp-2m-sample-10', 'dpm', dict(dpm_sd, prediction_type='sample'), 10, {}),
        ('sd15/pndm-trailing-10', 'pndm', dict(sd15, timestep_spacing='trailing'), 10, {}),
        ('sd15/pndm-linspace-10', 'pndm', dict(sd15, timestep_spacing='linspace'), 10, {}),
        ('sd15/euler-final-sigma-min-10', 'euler', dict(sd15, final_sigmas_type='sigma_min'), 10, {}),
        ('sd15/euler-karras-range-12', 'euler', dict(sd15, use_karras_sigmas=True, sigma_min=0.1, sigma_max=10.0), 12, {}),
        ('sd15/dpmpp-2m-trailing-6', 'dpm', dict(dpm_sd, timestep_spacing='trailing'), 6, {}),
        ('sd15/dpmpp-2m-karras-final-sigma-min-16', 'dpm', dict(dpm_sd, use_karras_sigmas=True, final_sigmas_type='sigma_min', lower_order_final=False), 16, {}),
        ('sdxl-turbo/euler-a-trailing-4', 'euler-ancestral', dict(turbo, _class_name='EulerAncestralDiscreteScheduler'), 4, {'seed': 17}),
        ('lcm/sample-clip-4', 'lcm', dict(lcm_cfg, prediction_type='sample', clip_sample=True), 4, {'seed': 19}),
        ('turbo/euler-trailing-1', 'euler', turbo, 1, {}),
        ('turbo/euler-trailing-2', 'euler', turbo, 2, {}),
        ('turbo/euler-trailing-3', 'euler', turbo, 3, {}),
        ('turbo/euler-trailing-4', 'euler', turbo, 4, {}),
        ('lcm/dreamshaper-4', 'lcm', lcm_cfg, 4, {'seed': 5}),
        ('lcm/dreamshaper-8-v', 'lcm', dict(lcm_cfg, prediction_type='v_prediction'), 8, {'seed': 6}),
        ('lcm/dreamshaper-1', 'lcm', lcm_cfg, 1, {}),
        ('sd15/dpmpp-2m-sde-20', 'dpm', dict(dpm_sd, algorithm_type='sde-dpmsolver++'), 20, {'seed': 23}),
        ('sd15/dpmpp-2m-sde-karras-25-v', 'dpm', dict(dpm_sd, algorithm_type='sde-dpmsolver++', use_karras_sigmas=True, prediction_type='v_prediction'), 25, {'seed': 29}),
        ('sd15/ddpm-20', 'ddpm', dict(sd15, _class_name='DDPMScheduler'), 20, {'seed': 31}),
        ('sd15/ddpm-50-v', 'ddpm', dict(sd15, _class_name='DDPMScheduler', prediction_type='v_prediction'), 50, {'seed': 37}),
        ('sd15/ddpm-10-trailing-clip-large', 'ddpm', dict(sd15, timestep_spacing='trailing', clip_sample=True, variance_type='fixed_large'), 10, {'seed': 41}),
        ('sd15/ddpm-12-linspace-small-log', 'ddpm', dict(sd15, timestep_spacing='linspace', variance_type='fixed_small_log'), 12, {'seed': 43}),
        ('sd15/lms-20', 'lms', dict(sd15, _class_name='LMSDiscreteScheduler'), 20, {}),
        ('sd15/lms-karras-25', 'lms', dict(sd15, use_karras_sigmas=True), 25, {}),
        ('sd15/lms-leading-30-v', 'lms', dict(sd15, timestep_spacing='leading', prediction_type='v_prediction'), 30, {}),
        ('sd15/lms-3', 'lms', sd15, 3, {}),
        ('sd15/heun-20', 'heun', dict(sd15, _class_name='HeunDiscreteScheduler'), 20, {}),
        ('sd15/heun-karras-12', 'heun', dict(sd15, use_karras_sigmas=True), 12, {}),
        ('sd15/heun-leading-15-v', 'heun', dict(sd15, timestep_spacing='leading', prediction_type='v_prediction'), 15, {}),
        ('sd15/heun-trailing-8-clip', 'heun', dict(sd15, timestep_spacing='trailing', clip_sample=True, clip_sample_range=1.5), 8, {}),
        ('sd15/unipc-bh2-20', 'unipc', dict(sd15, _class_name='UniPCMultistepScheduler'), 20, {}),
        ('sd15/unipc-bh2-karras-25', 'unipc', dict(sd15, use_karras_sigmas=True), 25, {}),
        # bh1 and noise prediction end in 0 * inf = NaN in diffusers when the final sigma is 0, so these end at sigma_min.
        ('sd15/unipc-bh1-3-15', 'unipc', dict(sd15, solver_type='bh1', solver_order=3, final_sigmas_type='sigma_min'), 15, {}),
        ('sd15/unipc-bh2-3-20-v', 'unipc', dict(sd15, solver_order=3, prediction_type='v_prediction'), 20, {}),
        ('sd15/unipc-bh2-noise-pred-10', 'unipc', dict(sd15, predict_x0=False, final_sigmas_type='sigma_min'), 10, {}),
        ('sd15/unipc-bh2-leading-no-lof-12', 'unipc', dict(sd15, timestep_spacing='leading', lower_order_final=False, final_sigmas_type='sigma_min'), 12, {}),
        ('sd15/unipc-bh2-trailing-4', 'unipc', dict(sd15, timestep_spacing='trailing'), 4, {}),
        ('sd15/unipc-bh2-disable-corrector-10', 'unipc', dict(sd15, disable_corrector=[0, 5]), 10, {}),
        ('sd21v/unipc-zero-snr-trailing-v-10', 'unipc', dict(sd15, prediction_type='v_prediction', rescale_betas_zero_snr=True, timestep_spacing='trailing'), 10, {}),
        ('turbo/unipc-trailing-1', 'unipc', turbo, 1, {}),
        ('turbo/heun-trailing-2', 'heun', turbo, 2, {}),
        ('turbo/lms-trailing-4', 'lms', turbo, 4, {}),
        ('turbo/ddpm-trailing-4', 'ddpm', dict(turbo, clip_sample=False), 4, {'seed': 47}),
        ('img2img/ddpm-30-s0.6', 'ddpm', sd15, 30, {'strength': 0.6, 'seed': 53}),
        ('img2img/lms-25-s0.5', 'lms', sd15, 25, {'strength': 0.5}),
        ('img2img/heun-20-s0.5', 'heun', sd15, 20, {'strength': 0.5}),
        ('img2img/heun-karras-15-s0.7', 'heun', dict(sd15, use_karras_sigmas=True), 15, {'strength': 0.7}),
        ('img2img/unipc-20-s0.6', 'unipc', sd15, 20, {'strength': 0.6}),
        ('img2img/unipc-karras-3-25-s0.45', 'unipc', dict(sd15, use_karras_sigmas=True, solver_order=3), 25, {'strength': 0.45}),
        ('img2img/dpmpp-2m-sde-20-s0.5', 'dpm', dict(dpm_sd, algorithm_type='sde-dpmsolver++'), 20, {'strength': 0.5, 'seed': 59}),
        # img2img (pipeline_stable_diffusion_img2img get_timesteps + set_begin_index, noise added at the first remaining timestep)
        ('img2img/euler-leading-30-s0.6', 'euler', dict(sd15, _class_name='EulerDiscreteScheduler', timestep_spacing='leading'), 30, {'strength': 0.6}),
        ('img2img/euler-a-25-s0.5', 'euler-ancestral', dict(sd15, timestep_spacing='leading'), 25, {'strength': 0.5, 'seed': 9}),
        ('img2img/euler-karras-20-s0.75', 'euler', dict(sd15, use_karras_sigmas=True), 20, {'strength': 0.75}),
        ('img2img/turbo-2-s0.5', 'euler', turbo, 2, {'strength': 0.5}),
        ('img2img/turbo-4-s0.5', 'euler', turbo, 4, {'strength': 0.5}),
        ('img2img/ddim-50-s0.3', 'ddim', sd15, 50, {'strength': 0.3}),
        ('img2img/pndm-50-s0.7', 'pndm', sd15, 50, {'strength': 0.7}),
        ('img2img/dpmpp-2m-karras-20-s0.6', 'dpm', dict(dpm_sd, use_karras_sigmas=True), 20, {'strength': 0.6}),
        ('img2img/dpmpp-2m-20-s0.45', 'dpm', dpm_sd, 20, {'strength': 0.45}),
        ('img2img/lcm-4-s0.5', 'lcm', lcm_cfg, 4, {'strength': 0.5, 'seed': 13}),
    ]
    for cid, kind, cfg, steps, extra in sd_cases:
        kw = dict(L)
        kw.update(extra)
        record(cid, kind, cfg, steps, 'pipeline', kw, model='sd', pat_seed=2)

    # --- schedules ---
    def sched_arrays(cfg, defaults, rescale_ok=True, set_last=False):
        ac = alphas_cumprod_for(cfg, defaults, rescale_ok=rescale_ok, set_last=set_last)
        return {'config': cfg, 'alphasCumprod': f32_b64(ac), 'betas': f32_b64(make_betas(cfg, defaults))}

    schedules = {
        'scaled_linear': sched_arrays(dict(beta_start=0.00085, beta_end=0.012, beta_schedule='scaled_linear'), DDPM),
        'linear': sched_arrays(dict(beta_start=0.0001, beta_end=0.02, beta_schedule='linear'), DDPM),
        'linear_1100': sched_arrays(dict(num_train_timesteps=1100, beta_start=0.0001, beta_end=0.02, beta_schedule='linear'), DDPM),
        'squaredcos_cap_v2': sched_arrays(dict(beta_schedule='squaredcos_cap_v2'), DDPM),
        'scaled_linear_zero_snr': sched_arrays(dict(beta_start=0.00085, beta_end=0.012, beta_schedule='scaled_linear', rescale_betas_zero_snr=True), DDPM, set_last=True),
    }
    patterns = {str(k): f32_b64(pattern(128, k)) for k in (2, 3, 5)}
    emb = {f'{w}/{d}': f32_b64(guidance_embedding(w, d)) for (w, d) in [(7.0, 256), (3.5, 256), (0.0, 256), (1.5, 512), (7.0, 255)]}

    out = {
        'generator': 'scripts/scheduler-reference/generate.py', 'torch': torch.__version__, 'numpy': np.__version__,
        'diffusersChecks': checks, 'schedules': schedules, 'patterns': patterns, 'guidanceEmbedding': emb, 'cases': cases,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w') as fh:
        json.dump(out, fh, indent=1)
    bad = [c for c in checks if not c['ok']]
    print(f'{len(cases)} cases, {len(checks)} diffusers checks, {len(bad)} failed -> {os.path.normpath(OUT)}')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
