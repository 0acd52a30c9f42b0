/**
 * A programmatic judge of the demo world's pictures: does this image show what its caption says?
 * (training/demo/checker.py is its Python port, used when the training script picks the model's defaults.)
 *
 * 1. Background: per-channel median of a 3-pixel border ring, named by the nearest palette colour.
 * 2. Object: the largest 8-connected set of pixels farther than FG_DISTANCE (RGB) from that background.
 * 3. Colour: per-channel median of the object's interior pixels (edges are blends), nearest palette colour.
 * 4. Position: the object's centre of mass, nearest of the five anchor points (relative to the picture size).
 * 5. Shape: each shape's outline fitted to the object's bounding box; the best intersection-over-union wins.
 */
import {
  colourNames,
  colours,
  insideShape,
  positionNames,
  positions,
  shapeBox,
  shapes,
  WORLD_SIZE,
  type ColourName,
  type Position,
  type Shape,
} from './world.ts';

const BORDER = 3;
const FG_DISTANCE = 60;
/** Smallest object, in pixels of a 64x64 picture (scaled with the area). */
const MIN_AREA = 12;

/** What a caption asks for; an attribute it does not mention is undefined (and then anything matches). */
export interface DemoCaption {
  shape?: Shape | undefined;
  colour?: ColourName | undefined;
  position?: Position | undefined;
  background?: ColourName | undefined;
}

export interface Detected {
  background: ColourName;
  /** null when no object was found. */
  shape: Shape | null;
  colour: ColourName | null;
  position: Position | null;
  /** Centre of mass as fractions of width and height. */
  centre: [number, number] | null;
  /** Object size in pixels. */
  area: number;
  /** Intersection-over-union of the object with each fitted shape outline. */
  shapeScores: Partial<Record<Shape, number>>;
}

export interface CheckResult {
  shape: boolean;
  colour: boolean;
  position: boolean;
  background: boolean;
  detected: Detected;
}

export function nearestColour(rgb: ArrayLike<number>): ColourName {
  let best: ColourName = colourNames[0]!;
  let bestD = Infinity;
  for (const name of colourNames) {
    const ref = colours[name];
    let d = 0;
    for (let c = 0; c < 3; c++) d += (rgb[c]! - ref[c]!) ** 2;
    if (d < bestD) {
      bestD = d;
      best = name;
    }
  }
  return best;
}

/** Per-channel element floor(n/2) of the sorted values, over the pixels listed in `idx` (pixel indices). */
function lowerMedian(rgb: Uint8Array, idx: ArrayLike<number>): [number, number, number] {
  const out: [number, number, number] = [0, 0, 0];
  const vals = new Float64Array(idx.length);
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < idx.length; i++) vals[i] = rgb[idx[i]! * 3 + c]!;
    vals.sort();
    out[c] = vals[Math.floor(idx.length / 2)]!;
  }
  return out;
}

/** The largest 8-connected component of `fg` (a 0/1 mask), as a 0/1 mask. */
function largestComponent(fg: Uint8Array, width: number, height: number): Uint8Array {
  const label = new Int32Array(width * height);
  const queue = new Int32Array(width * height);
  let best = 0;
  let bestSize = 0;
  let next = 0;
  for (let start = 0; start < fg.length; start++) {
    if (!fg[start] || label[start]) continue;
    next++;
    label[start] = next;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    while (head < tail) {
      const p = queue[head++]!;
      const x = p % width;
      const y = (p - x) / width;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          const q = yy * width + xx;
          if (fg[q] && !label[q]) {
            label[q] = next;
            queue[tail++] = q;
          }
        }
      }
    }
    if (tail > bestSize) {
      bestSize = tail;
      best = next;
    }
  }
  const mask = new Uint8Array(width * height);
  if (best) for (let i = 0; i < mask.length; i++) mask[i] = label[i] === best ? 1 : 0;
  return mask;
}

/** Finds the background and the object in an HWC RGB picture and names what it sees. */
export function detect(rgb: Uint8Array, width: number, height: number): Detected {
  if (rgb.length !== width * height * 3) {
    throw new RangeError(`expected ${width}x${height}x3 = ${width * height * 3} RGB bytes, got ${rgb.length}`);
  }
  const ring: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x < BORDER || x >= width - BORDER || y < BORDER || y >= height - BORDER) ring.push(y * width + x);
    }
  }
  const bg = lowerMedian(rgb, ring);
  const detected: Detected = {
    background: nearestColour(bg),
    shape: null,
    colour: null,
    position: null,
    centre: null,
    area: 0,
    shapeScores: {},
  };

  const fg = new Uint8Array(width * height);
  for (let i = 0; i < fg.length; i++) {
    const d = Math.hypot(rgb[i * 3]! - bg[0], rgb[i * 3 + 1]! - bg[1], rgb[i * 3 + 2]! - bg[2]);
    fg[i] = d > FG_DISTANCE ? 1 : 0;
  }
  const mask = largestComponent(fg, width, height);
  const members: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) members.push(i);
  detected.area = members.length;
  if (members.length < (MIN_AREA * width * height) / (WORLD_SIZE * WORLD_SIZE)) return detected;

  // Colour from the interior (all four neighbours in the object), unless the object is too thin to have one.
  const at = (x: number, y: number): number => (x >= 0 && x < width && y >= 0 && y < height ? mask[y * width + x]! : 0);
  const interior = members.filter((p) => {
    const x = p % width;
    const y = (p - x) / width;
    return at(x - 1, y) && at(x + 1, y) && at(x, y - 1) && at(x, y + 1);
  });
  detected.colour = nearestColour(lowerMedian(rgb, interior.length >= 4 ? interior : members));

  let sx = 0;
  let sy = 0;
  let x0 = width;
  let x1 = -1;
  let y0 = height;
  let y1 = -1;
  for (const p of members) {
    const x = p % width;
    const y = (p - x) / width;
    sx += x + 0.5;
    sy += y + 0.5;
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  }
  const cx = sx / members.length / width;
  const cy = sy / members.length / height;
  detected.centre = [cx, cy];
  let bestD = Infinity;
  for (const name of positionNames) {
    const [px, py] = positions[name];
    const d = (cx - px / WORLD_SIZE) ** 2 + (cy - py / WORLD_SIZE) ** 2;
    if (d < bestD) {
      bestD = d;
      detected.position = name;
    }
  }

  const bw = x1 - x0 + 1;
  const bh = y1 - y0 + 1;
  let bestIou = -1;
  for (const shape of shapes) {
    const [u0, u1, v0, v1] = shapeBox(shape);
    let inter = 0;
    let union = 0;
    for (let j = 0; j < bh; j++) {
      const v = v0 + ((j + 0.5) / bh) * (v1 - v0);
      for (let i = 0; i < bw; i++) {
        const u = u0 + ((i + 0.5) / bw) * (u1 - u0);
        const t = insideShape(shape, u, v);
        const m = mask[(y0 + j) * width + x0 + i] === 1;
        if (t && m) inter++;
        if (t || m) union++;
      }
    }
    const iou = union ? inter / union : 0;
    detected.shapeScores[shape] = iou;
    if (iou > bestIou) {
      bestIou = iou;
      detected.shape = shape;
    }
  }
  return detected;
}

/** Judges an HWC RGB picture against a caption; attributes the caption leaves out always match. */
export function checkImage(rgb: Uint8Array, width: number, height: number, caption: DemoCaption): CheckResult {
  const detected = detect(rgb, width, height);
  return {
    shape: caption.shape === undefined || detected.shape === caption.shape,
    colour: caption.colour === undefined || detected.colour === caption.colour,
    position: caption.position === undefined || detected.position === caption.position,
    background: caption.background === undefined || detected.background === caption.background,
    detected,
  };
}

/** True when every attribute matched. */
export function allMatch(result: CheckResult): boolean {
  return result.shape && result.colour && result.position && result.background;
}

const positionWords: Record<string, Position> = {
  left: 'left',
  right: 'right',
  top: 'top',
  bottom: 'bottom',
  centre: 'centre',
  center: 'centre',
  middle: 'centre',
};

/**
 * Reads what a prompt asks for in the demo world: 'a red star on the left on a blue background' ->
 * {shape: 'star', colour: 'red', position: 'left', background: 'blue'}. The colour word right before
 * "background" is the background; the first other colour is the object's.
 */
export function parseCaption(text: string): DemoCaption {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  const out: DemoCaption = {};
  const isColour = (w: string | undefined): w is ColourName => w !== undefined && (colourNames as string[]).includes(w);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (isColour(w)) {
      if (words[i + 1] === 'background') out.background ??= w;
      else out.colour ??= w;
    } else if ((shapes as readonly string[]).includes(w)) {
      out.shape ??= w as Shape;
    } else if (Object.hasOwn(positionWords, w)) {
      out.position ??= positionWords[w];
    }
  }
  return out;
}
