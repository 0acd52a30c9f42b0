"""The demo model's world: one shape, in one named colour, at one of five positions, on a named background.

Everything here must agree with src/demo/world.ts (the TypeScript checker and the quality bench read that file);
tests/demo/world.test.ts compares the two through the `world.json` that train.py writes next to the model.
"""
import math

import torch

SIZE = 64

SHAPES = ['circle', 'square', 'triangle', 'star']

# Named colours, chosen at least ~95 apart in RGB so that a checker can name them after decoding blur.
COLOURS = {
    'red': (210, 30, 30),
    'orange': (250, 130, 20),
    'yellow': (240, 230, 40),
    'green': (40, 170, 60),
    'cyan': (40, 210, 230),
    'blue': (40, 70, 220),
    'purple': (140, 50, 200),
    'pink': (250, 150, 210),
    'white': (245, 245, 245),
    'black': (25, 25, 25),
}
COLOUR_NAMES = list(COLOURS)

# Centre of the object for each position, in pixels of a 64x64 image (x right, y down).
POSITIONS = {
    'left': (19.0, 32.0),
    'right': (45.0, 32.0),
    'top': (32.0, 19.0),
    'bottom': (32.0, 45.0),
    'centre': (32.0, 32.0),
}
POSITION_NAMES = list(POSITIONS)

# How captions say each position; the first phrase is the canonical one used by the held-out benchmark.
POSITION_PHRASES = {
    'left': ['on the left'],
    'right': ['on the right'],
    'top': ['at the top'],
    'bottom': ['at the bottom'],
    'centre': ['in the centre', 'in the center', 'in the middle'],
}

# Object size (radius in pixels) and jitter: rerolls of one caption give different pixels, same meaning.
RADIUS_RANGE = (9.5, 12.5)
POSITION_JITTER = 3.0
COLOUR_JITTER = 8.0

# Shape outlines in unit coordinates (u right, v down), scaled by the radius around the object's centre.
SQUARE_HALF = 0.88


def _polygon(radii, start_deg):
    n = len(radii)
    pts = []
    for k, r in enumerate(radii):
        a = math.radians(start_deg + 360.0 * k / n)
        pts.append((r * math.cos(a), r * math.sin(a)))
    return pts


TRIANGLE = _polygon([1.15, 1.15, 1.15], -90.0)  # equilateral, pointing up, centroid at the origin
STAR = _polygon([1.2, 0.48] * 5, -90.0)  # five points, pointing up


def caption(shape, colour, position, background, phrase=0):
    """The canonical caption, e.g. 'a red star on the left on a blue background' ('an orange ...')."""
    return f'{article(colour)} {colour} {shape} {POSITION_PHRASES[position][phrase]} on {article(background)} {background} background'


def article(word):
    return 'an' if word[0] in 'aeiou' else 'a'


def combos():
    """Every (shape, colour, position, background) with colour != background, in a fixed order."""
    out = []
    for s in SHAPES:
        for c in COLOUR_NAMES:
            for p in POSITION_NAMES:
                for b in COLOUR_NAMES:
                    if b != c:
                        out.append((s, c, p, b))
    return out


def is_held_out(shape, colour, position, background):
    """About one combination in twelve never appears in training; the quality bench renders exactly these.

    A fixed arithmetic rule (the same in world.ts) rather than a random draw, so both languages agree without
    sharing a file; every value of every attribute still occurs in training with every other value.
    """
    s = SHAPES.index(shape)
    c = COLOUR_NAMES.index(colour)
    p = POSITION_NAMES.index(position)
    b = COLOUR_NAMES.index(background)
    return (s * 7 + c * 3 + p * 5 + b * 11) % 12 == 0


def held_out_combos():
    return [k for k in combos() if is_held_out(*k)]


def training_combos():
    return [k for k in combos() if not is_held_out(*k)]


def _inside_polygon(u, v, pts):
    """Even-odd rule, vectorised over u, v (any broadcastable shape)."""
    inside = torch.zeros(torch.broadcast_shapes(u.shape, v.shape), dtype=torch.bool)
    n = len(pts)
    for i in range(n):
        x1, y1 = pts[i]
        x2, y2 = pts[(i + 1) % n]
        if y1 == y2:
            continue
        crosses = (v < y1) != (v < y2)
        x_at = x1 + (v - y1) * (x2 - x1) / (y2 - y1)
        inside ^= crosses & (u < x_at)
    return inside


def inside_shape(shape, u, v):
    if shape == 'circle':
        return u * u + v * v <= 1.0
    if shape == 'square':
        return (u.abs() <= SQUARE_HALF) & (v.abs() <= SQUARE_HALF)
    if shape == 'triangle':
        return _inside_polygon(u, v, TRIANGLE)
    if shape == 'star':
        return _inside_polygon(u, v, STAR)
    raise ValueError(shape)


def render(scenes, generator, supersample=4):
    """Draw a batch of scenes as float images in [-1, 1], shape [B, 3, 64, 64].

    scenes: list of (shape, colour, position, background). Position, size and exact shade are jittered with
    `generator`; edges are anti-aliased by supersampling.
    """
    b = len(scenes)
    n = SIZE * supersample
    coords = (torch.arange(n, dtype=torch.float32) + 0.5) / supersample  # pixel units
    yy = coords.view(1, n, 1)
    xx = coords.view(1, 1, n)
    radius = torch.empty(b).uniform_(*RADIUS_RANGE, generator=generator)
    jitter = torch.empty(b, 2).uniform_(-POSITION_JITTER, POSITION_JITTER, generator=generator)
    shade = torch.empty(b, 2, 3).uniform_(-COLOUR_JITTER, COLOUR_JITTER, generator=generator)
    masks = torch.zeros(b, n, n)
    fg = torch.zeros(b, 3)
    bg = torch.zeros(b, 3)
    for i, (shape, colour, position, background) in enumerate(scenes):
        cx, cy = POSITIONS[position]
        cx += float(jitter[i, 0])
        cy += float(jitter[i, 1])
        r = float(radius[i])
        masks[i] = inside_shape(shape, (xx - cx) / r, (yy - cy) / r).float()[0]
        fg[i] = torch.tensor(COLOURS[colour], dtype=torch.float32) + shade[i, 0]
        bg[i] = torch.tensor(COLOURS[background], dtype=torch.float32) + shade[i, 1]
    cover = torch.nn.functional.avg_pool2d(masks.unsqueeze(1), supersample)  # [B,1,64,64]
    img = bg.view(b, 3, 1, 1) * (1 - cover) + fg.view(b, 3, 1, 1) * cover
    return (img.clamp(0, 255) / 127.5 - 1.0)
