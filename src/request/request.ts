/**
 * The one request type. Every way of asking for images (/imagine, the buttons, "Vary this image", the CLI, the
 * playground) makes a JobRequest; the jobs store keeps it as JSON and reads it back through `parseStoredRequest`;
 * the queue turns it into the pipeline's GenerateRequest (src/queue/request.ts), which crosses into the inference
 * process and is checked there by `generateRequestSchema`.
 *
 * Validated once at each boundary:
 *   - people (Discord, playground, CLI): `validateRequest` throws a UserError naming the first bad field;
 *   - storage (SQLite) and the process boundary: the zod schemas here, where a failure is a bug, not the user's.
 * Limits that depend on the model (sizes, steps) are the pipeline's checkInputs; limits a server sets are
 * src/limits/request.ts.
 *
 * Nothing here knows about Discord or SQL.
 */
import { z } from 'zod';
import { schedulerChoices, schedulerNames } from '../diffusion/types.ts';
import type { UserError } from '../errors.ts';
import { userError } from '../i18n/index.ts';

export const MAX_SEED = 0xffffffff;
export const MAX_GUIDANCE = 30;
export const MAX_CHAOS = 100;
/** The longest prompt, in characters as Discord counts them (discordLength); 1000 itself is allowed. */
export const MAX_PROMPT_CHARS = 1000;

/**
 * A text's length as Discord counts it for an option's max_length: Unicode code points (an emoji is one, where
 * JavaScript's .length counts two UTF-16 units), so the bot never refuses what Discord's own limit let through.
 */
export function discordLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** What kind of request: how it was asked for and what it starts from (also the jobs row's `kind` column). */
export const requestKinds = ['imagine', 'variation', 'upscale', 'reroll', 'edit'] as const;
export type RequestKind = (typeof requestKinds)[number];

/** Regions a member can pick for Vary (Region): halves, vertical thirds, the centre and the corners. */
export const regionNames = [
  'left',
  'right',
  'top',
  'bottom',
  'left-third',
  'middle-third',
  'right-third',
  'centre',
  'top-left',
  'top-right',
  'bottom-left',
  'bottom-right',
] as const;
export type RegionName = (typeof regionNames)[number];
export const panDirections = ['left', 'right', 'up', 'down'] as const;
export type PanDirection = (typeof panDirections)[number];
export const zoomFactors = [1.5, 2] as const;
export type ZoomFactor = (typeof zoomFactors)[number];

/**
 * An edit of an existing image (the pipeline's masked path): repaint a named region, repaint where a given mask
 * is white (`source` says where the mask came from), zoom out (the image shrinks into the centre of a same-size
 * canvas, the border is generated) or pan (the canvas grows by half on one side).
 */
export const editSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('region'), region: z.enum(regionNames) }),
  z.object({ kind: z.literal('mask'), source: z.string().max(200) }),
  z.object({ kind: z.literal('zoom-out'), factor: z.union([z.literal(1.5), z.literal(2)]) }),
  z.object({ kind: z.literal('pan'), direction: z.enum(panDirections) }),
  /**
   * Upscale 2x. subtle: through the installed ESRGAN-family upscaler (Lanczos without one), no diffusion. creative:
   * hires fix: the image enlarged, then image-to-image at low strength (CREATIVE_UPSCALE_STRENGTH) at twice the size.
   */
  z.object({ kind: z.literal('upscale'), mode: z.enum(['subtle', 'creative']) }),
]);
export type EditSpec = z.infer<typeof editSchema>;

/** How the PNG parameters and replies name an edit ("region left", "zoom out 2x", "pan left"). */
export function describeEdit(e: EditSpec): string {
  switch (e.kind) {
    case 'region':
      return `region ${e.region}`;
    case 'mask':
      return `mask ${e.source}`;
    case 'zoom-out':
      return `zoom out ${e.factor}x`;
    case 'pan':
      return `pan ${e.direction}`;
    case 'upscale':
      return `upscale 2x ${e.mode}`;
  }
}

const positiveInt = z.int().min(1);

/** The fields every request has: what the pipeline needs to paint it. */
export const requestCoreShape = {
  prompt: z.string(),
  negativePrompt: z.string().optional(),
  width: positiveInt,
  height: positiveInt,
  /** Denoising steps (before img2img strength is applied). */
  steps: positiveInt,
  /** Classifier-free guidance scale; off when <= 1 or for Turbo/LCM models. */
  guidanceScale: z.number().min(0).max(MAX_GUIDANCE),
  /** Seed of the first image; image i uses seed + i (mod 2^32). */
  seed: z.int().min(0).max(MAX_SEED),
  /** Images asked for. */
  count: positiveInt,
  /** Scheduler override; the model's own when absent. */
  scheduler: z.enum(schedulerNames).optional(),
  /** img2img strength in (0, 1], for variations and uploads. */
  strength: z.number().gt(0).max(1).optional(),
  /**
   * --chaos: how far apart the images of one grid are spread (1-100; absent is 0, today's images). Seeded by each
   * image's seed, so the same request gives the same images (src/diffusion/chaos.ts).
   */
  chaos: z.int().min(0).max(MAX_CHAOS).optional(),
  /** The final decode: the model's VAE (absent, the default) or TAESD when installed (fast, softer detail). */
  decoder: z.enum(['vae', 'taesd']).optional(),
};
export const requestCoreSchema = z.object(requestCoreShape);
export type RequestCore = z.infer<typeof requestCoreSchema>;

/** Where a request came from: the job and image a variation, upscale or reroll was made from. */
const lineageShape = {
  parentJobId: positiveInt.optional(),
  sourceIndex: z.int().min(0).optional(),
};

/**
 * What the bot keeps next to the request so that delivery after a restart still knows how to post: whether as a
 * spoiler, the upload limit of the place it was asked in, notes for the reply, the aspect ratio as asked, and where
 * an img2img job's picture came from (an upload on /imagine, or a posted message: "Vary this image").
 */
const deliveryShape = {
  spoiler: z.boolean().optional(),
  /** The interaction's attachment_size_limit in bytes. */
  attachmentSizeLimit: positiveInt.optional(),
  /** Shown under the result, e.g. flags that were ignored. */
  notes: z.array(z.string()).optional(),
  aspect: z.string().optional(),
  source: z.enum(['upload', 'message']).optional(),
  /** The language of the messages everyone sees (the server's, Discord's guild_locale), as a Discord locale. */
  locale: z.string().max(16).optional(),
};

const common = { ...requestCoreShape, ...lineageShape, ...deliveryShape };

export const jobRequestSchema = z.discriminatedUnion('kind', [
  /** Text to image, or from the member's upload (with strength). */
  z.object({ kind: z.literal('imagine'), ...common }),
  /** img2img from an earlier result (parentJobId + sourceIndex) or from an upload / a posted image. */
  z.object({ kind: z.literal('variation'), ...common }),
  /** A single image of a grid, on its own. */
  z.object({ kind: z.literal('upscale'), ...common, parentJobId: positiveInt, sourceIndex: z.int().min(0) }),
  /** The parent's request again with new seeds. */
  z.object({ kind: z.literal('reroll'), ...common, parentJobId: positiveInt }),
  /** An edit of an earlier result (parentJobId + sourceIndex) or of an upload. */
  z.object({ kind: z.literal('edit'), ...common, edit: editSchema }),
]);
export type JobRequest = z.infer<typeof jobRequestSchema>;
/** Every field a request may have, but its kind (each kind requires some of them). */
export type RequestFields = Omit<Extract<JobRequest, { kind: 'imagine' }>, 'kind'>;
/** Changes to a request (tests, benches, child jobs): any field, the kind included. */
export type RequestChanges = Partial<RequestFields> & { kind?: RequestKind };

/** A request read back from storage (or received from another process): a mismatch is a bug, named with `where`. */
export function parseStoredRequest(value: unknown, where: string): JobRequest {
  const r = jobRequestSchema.safeParse(value);
  if (!r.success) throw new TypeError(`${where}: invalid request: ${z.prettifyError(r.error)}`);
  return r.data;
}

/** Messages for people, by field (catalog keys): the first bad field of a request is refused with its message. */
const userMessages: Partial<Record<string, () => UserError>> = {
  prompt: () => userError('bad-prompt', 'request.prompt'),
  width: () => userError('bad-width', 'request.width'),
  height: () => userError('bad-height', 'request.height'),
  steps: () => userError('bad-steps', 'request.steps'),
  count: () => userError('bad-count', 'request.count'),
  seed: () => userError('bad-seed', 'request.seed', { max: MAX_SEED }),
  guidanceScale: () => userError('bad-guidance', 'request.guidanceScale', { max: MAX_GUIDANCE }),
  strength: () => userError('bad-strength', 'request.strength'),
  chaos: () => userError('bad-flag', 'flag.whole', { label: '--chaos', min: 0, max: MAX_CHAOS, given: '' }),
  scheduler: () => userError('bad-scheduler', 'request.scheduler', { choices: schedulerChoices() }),
};

/**
 * A request made from what a person typed: its values checked for sense, with a UserError naming the first bad
 * one (codes bad-steps, bad-seed, ...). Also refuses an over-long prompt. Returns the request as parsed.
 */
export function validateRequest(value: JobRequest): JobRequest {
  const chars = typeof value.prompt === 'string' ? discordLength(value.prompt) : 0;
  if (chars > MAX_PROMPT_CHARS) {
    throw userError('bad-prompt', 'request.promptTooLong', { chars, max: MAX_PROMPT_CHARS });
  }
  const r = jobRequestSchema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = String(issue.path[0] ?? '');
  const refusal = userMessages[field];
  if (refusal) throw refusal();
  throw new TypeError(`invalid request: ${z.prettifyError(r.error)}`);
}

/** img2img strengths for the single-image buttons and for "Vary this image". */
export const SUBTLE_STRENGTH = 0.35;
export const STRONG_STRENGTH = 0.7;
export const VARY_STRENGTH = 0.6;
export const MESSAGE_VARY_STRENGTH = 0.5;
/** Upscale (Creative): how far the enlarged image may move (hires fix). */
export const CREATIVE_UPSCALE_STRENGTH = 0.35;

/**
 * Image-to-image runs only steps x strength of the schedule, so at least one step must remain: a subtle variation
 * (0.35) of a 1-step Turbo image needs 3 steps. Raises the steps just enough.
 */
export function stepsForStrength(steps: number, strength: number | undefined): number {
  if (strength === undefined || strength <= 0) return steps;
  return Math.max(steps, Math.ceil(1 / strength - 1e-9));
}
