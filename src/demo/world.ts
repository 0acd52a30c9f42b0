/**
 * The demo model's world: one shape, in one named colour, at one of five positions, on a named background colour.
 * It mirrors training/demo/world.py (the Python side that renders the training images); tests/demo/world.test.ts
 * compares the two through the world.json that the training script writes next to the model.
 */

export const WORLD_SIZE = 64;

export const shapes = ['circle', 'square', 'triangle', 'star'] as const;
export type Shape = (typeof shapes)[number];

/** Named colours and their RGB values (at least ~100 apart, so that they can be told apart after decoding). */
export const colours = {
  red: [210, 30, 30],
  orange: [250, 130, 20],
  yellow: [240, 230, 40],
  green: [40, 170, 60],
  cyan: [40, 210, 230],
  blue: [40, 70, 220],
  purple: [140, 50, 200],
  pink: [250, 150, 210],
  white: [245, 245, 245],
  black: [25, 25, 25],
} as const satisfies Record<string, readonly [number, number, number]>;
export type ColourName = keyof typeof colours;
export const colourNames = Object.keys(colours) as ColourName[];

/** Centre of the object for each position, in pixels of a 64x64 picture (x right, y down). */
export const positions = {
  left: [19, 32],
  right: [45, 32],
  top: [32, 19],
  bottom: [32, 45],
  centre: [32, 32],
} as const satisfies Record<string, readonly [number, number]>;
export type Position = keyof typeof positions;
export const positionNames = Object.keys(positions) as Position[];

/** How captions say each position; the first phrase is the canonical one. */
export const positionPhrases: Record<Position, readonly string[]> = {
  left: ['on the left'],
  right: ['on the right'],
  top: ['at the top'],
  bottom: ['at the bottom'],
  centre: ['in the centre', 'in the center', 'in the middle'],
};

/** Training draws the object with a radius in this range (pixels) and jitters its centre by up to 3 px. */
export const RADIUS_RANGE = [9.5, 12.5] as const;
export const POSITION_JITTER = 3;

export interface Scene {
  shape: Shape;
  colour: ColourName;
  position: Position;
  background: ColourName;
}

// Shape outlines in unit coordinates (u right, v down), scaled by the radius around the object's centre.
export const SQUARE_HALF = 0.88;

function polygon(radii: number[], startDeg: number): Array<[number, number]> {
  return radii.map((r, k) => {
    const a = ((startDeg + (360 * k) / radii.length) * Math.PI) / 180;
    return [r * Math.cos(a), r * Math.sin(a)];
  });
}

/** Equilateral, pointing up, centroid at the origin. */
export const TRIANGLE = polygon([1.15, 1.15, 1.15], -90);
/** Five points, pointing up. */
export const STAR = polygon([1.2, 0.48, 1.2, 0.48, 1.2, 0.48, 1.2, 0.48, 1.2, 0.48], -90);

function insidePolygon(u: number, v: number, pts: ReadonlyArray<readonly [number, number]>): boolean {
  // Even-odd rule (the same arithmetic as world.py, so edge pixels agree).
  let inside = false;
  for (let i = 0; i < pts.length; i++) {
    const [x1, y1] = pts[i]!;
    const [x2, y2] = pts[(i + 1) % pts.length]!;
    if (y1 === y2) continue;
    if (v < y1 !== v < y2 && u < x1 + ((v - y1) * (x2 - x1)) / (y2 - y1)) inside = !inside;
  }
  return inside;
}

export function insideShape(shape: Shape, u: number, v: number): boolean {
  switch (shape) {
    case 'circle':
      return u * u + v * v <= 1;
    case 'square':
      return Math.abs(u) <= SQUARE_HALF && Math.abs(v) <= SQUARE_HALF;
    case 'triangle':
      return insidePolygon(u, v, TRIANGLE);
    case 'star':
      return insidePolygon(u, v, STAR);
  }
}

/** The shape's bounding box in unit coordinates: [uMin, uMax, vMin, vMax]. */
export function shapeBox(shape: Shape): [number, number, number, number] {
  if (shape === 'circle') return [-1, 1, -1, 1];
  if (shape === 'square') return [-SQUARE_HALF, SQUARE_HALF, -SQUARE_HALF, SQUARE_HALF];
  const pts = shape === 'triangle' ? TRIANGLE : STAR;
  const us = pts.map((p) => p[0]);
  const vs = pts.map((p) => p[1]);
  return [Math.min(...us), Math.max(...us), Math.min(...vs), Math.max(...vs)];
}

export function article(word: string): 'a' | 'an' {
  return 'aeiou'.includes(word[0] ?? '') ? 'an' : 'a';
}

/** The canonical caption, e.g. 'a red star on the left on a blue background' ('an orange ...'). */
export function caption(scene: Scene, phrase = 0): string {
  const where = positionPhrases[scene.position][phrase] ?? positionPhrases[scene.position][0]!;
  return `${article(scene.colour)} ${scene.colour} ${scene.shape} ${where} on ${article(scene.background)} ${scene.background} background`;
}

/** Every scene with colour != background, in world.py's order. */
export function allScenes(): Scene[] {
  const out: Scene[] = [];
  for (const shape of shapes)
    for (const colour of colourNames)
      for (const position of positionNames)
        for (const background of colourNames)
          if (background !== colour) out.push({ shape, colour, position, background });
  return out;
}

/**
 * About one combination in twelve never appears in training; the quality bench renders exactly these. A fixed
 * arithmetic rule (the same in world.py) so both languages agree without sharing a file.
 */
export function isHeldOut(scene: Scene): boolean {
  const s = shapes.indexOf(scene.shape);
  const c = colourNames.indexOf(scene.colour);
  const p = positionNames.indexOf(scene.position);
  const b = colourNames.indexOf(scene.background);
  return (s * 7 + c * 3 + p * 5 + b * 11) % 12 === 0;
}

/** The 149 held-out scenes, in a fixed order. */
export const heldOutScenes: readonly Scene[] = allScenes().filter(isHeldOut);
/** Their canonical captions ('a red star on the left on a blue background'). */
export const heldOutCaptions: readonly string[] = heldOutScenes.map((s) => caption(s));

export interface DrawOptions {
  /** Object radius in pixels of a 64x64 picture (scaled with the size); 11 when absent. */
  radius?: number;
  /** Offset of the object's centre from its position's anchor, in 64x64 pixels. */
  offset?: readonly [number, number];
  /** Picture size in pixels (square); 64 when absent. */
  size?: number;
  /** Supersampling factor per axis for anti-aliased edges; 4 when absent. */
  supersample?: number;
}

/** Draws a scene as the training renderer does: HWC RGB bytes. */
export function drawScene(scene: Scene, options: DrawOptions = {}): Uint8Array {
  const size = options.size ?? WORLD_SIZE;
  const scale = size / WORLD_SIZE;
  const ss = options.supersample ?? 4;
  const r = (options.radius ?? 11) * scale;
  const [ax, ay] = positions[scene.position];
  const cx = (ax + (options.offset?.[0] ?? 0)) * scale;
  const cy = (ay + (options.offset?.[1] ?? 0)) * scale;
  const fg = colours[scene.colour];
  const bg = colours[scene.background];
  const out = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const px = x + (sx + 0.5) / ss;
          const py = y + (sy + 0.5) / ss;
          if (insideShape(scene.shape, (px - cx) / r, (py - cy) / r)) hits++;
        }
      }
      const cover = hits / (ss * ss);
      for (let ch = 0; ch < 3; ch++) {
        out[(y * size + x) * 3 + ch] = Math.round(bg[ch]! * (1 - cover) + fg[ch]! * cover);
      }
    }
  }
  return out;
}
