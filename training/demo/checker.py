"""Python port of src/demo/checker.ts (keep the two in step): judges whether a picture matches its caption.

1. Background: per-channel median of a 3-pixel border ring, named by the nearest palette colour.
2. Object: the largest 8-connected set of pixels farther than FG_DISTANCE from that background colour.
3. Colour: per-channel median of the object's interior pixels, nearest palette colour.
4. Position: the object's centre of mass, nearest of the five anchor points.
5. Shape: the outline of each shape fitted to the object's bounding box; the best intersection-over-union wins.
"""
import math
from collections import deque

import numpy as np

import world

BORDER = 3
FG_DISTANCE = 60.0
MIN_AREA = 12


def _bbox(points):
    us = [p[0] for p in points]
    vs = [p[1] for p in points]
    return min(us), max(us), min(vs), max(vs)


SHAPE_BOXES = {
    'circle': (-1.0, 1.0, -1.0, 1.0),
    'square': (-world.SQUARE_HALF, world.SQUARE_HALF, -world.SQUARE_HALF, world.SQUARE_HALF),
    'triangle': _bbox(world.TRIANGLE),
    'star': _bbox(world.STAR),
}


def _inside(shape, u, v):
    import torch

    return world.inside_shape(shape, torch.as_tensor(u, dtype=torch.float64), torch.as_tensor(v, dtype=torch.float64)).numpy()


def _lower_median(values):
    """Element floor(n/2) of the sorted values (what the TypeScript port computes)."""
    s = np.sort(values, axis=0)
    return s[len(s) // 2]


def nearest_colour(rgb):
    best, best_d = None, math.inf
    for name, ref in world.COLOURS.items():
        d = sum((float(a) - b) ** 2 for a, b in zip(rgb, ref))
        if d < best_d:
            best, best_d = name, d
    return best


def _largest_component(fg):
    h, w = fg.shape
    seen = np.zeros_like(fg)
    best = []
    for y0 in range(h):
        for x0 in range(w):
            if not fg[y0, x0] or seen[y0, x0]:
                continue
            comp = []
            seen[y0, x0] = True
            q = deque([(y0, x0)])
            while q:
                y, x = q.popleft()
                comp.append((y, x))
                for dy in (-1, 0, 1):
                    for dx in (-1, 0, 1):
                        yy, xx = y + dy, x + dx
                        if 0 <= yy < h and 0 <= xx < w and fg[yy, xx] and not seen[yy, xx]:
                            seen[yy, xx] = True
                            q.append((yy, xx))
            if len(comp) > len(best):
                best = comp
    mask = np.zeros_like(fg)
    for y, x in best:
        mask[y, x] = True
    return mask


def detect(rgb):
    """rgb: uint8 array [H, W, 3]. Returns the detected attributes (None where nothing was found)."""
    rgb = rgb.astype(np.float64)
    h, w, _ = rgb.shape
    ring = np.zeros((h, w), dtype=bool)
    ring[:BORDER, :] = ring[-BORDER:, :] = True
    ring[:, :BORDER] = ring[:, -BORDER:] = True
    bg = _lower_median(rgb[ring])
    out = {'background': nearest_colour(bg), 'shape': None, 'colour': None, 'position': None, 'centre': None, 'area': 0}
    fg = np.sqrt(((rgb - bg) ** 2).sum(-1)) > FG_DISTANCE
    mask = _largest_component(fg)
    area = int(mask.sum())
    out['area'] = area
    if area < MIN_AREA:
        return out
    padded = np.pad(mask, 1)
    interior = mask & padded[:-2, 1:-1] & padded[2:, 1:-1] & padded[1:-1, :-2] & padded[1:-1, 2:]
    pix = rgb[interior] if interior.sum() >= 4 else rgb[mask]
    out['colour'] = nearest_colour(_lower_median(pix))
    ys, xs = np.nonzero(mask)
    cx = (xs + 0.5).mean() / w
    cy = (ys + 0.5).mean() / h
    out['centre'] = (float(cx), float(cy))
    best, best_d = None, math.inf
    for name, (px, py) in world.POSITIONS.items():
        d = (cx - px / world.SIZE) ** 2 + (cy - py / world.SIZE) ** 2
        if d < best_d:
            best, best_d = name, d
    out['position'] = best
    x0, x1, y0, y1 = xs.min(), xs.max(), ys.min(), ys.max()
    bw, bh = x1 - x0 + 1, y1 - y0 + 1
    box = mask[y0 : y1 + 1, x0 : x1 + 1]
    gx = (np.arange(bw) + 0.5) / bw
    gy = (np.arange(bh) + 0.5) / bh
    best, best_iou = None, -1.0
    for name, (u0, u1, v0, v1) in SHAPE_BOXES.items():
        u = (u0 + gx * (u1 - u0))[None, :]
        v = (v0 + gy * (v1 - v0))[:, None]
        tmpl = _inside(name, u, v)
        inter = (tmpl & box).sum()
        union = (tmpl | box).sum()
        iou = inter / union if union else 0.0
        if iou > best_iou:
            best, best_iou = name, iou
    out['shape'] = best
    return out


def check(rgb, shape, colour, position, background):
    d = detect(rgb)
    return {
        'shape': d['shape'] == shape,
        'colour': d['colour'] == colour,
        'position': d['position'] == position,
        'background': d['background'] == background,
        'detected': d,
    }
