/**
 * Button custom_ids carry an action, a job id and optionally an image index: `action:jobId[:index]`. Nothing else:
 * the job and its parameters live in SQLite, so a button under a month-old message still works after a restart.
 * (runmany/dropmany name a pending prompt's row instead of a job: the jobs do not exist yet.)
 */
export const buttonActions = [
  'upscale', // U1-U4: post that image on its own
  'vary', // V1-V4: variations of that image (img2img, new seeds)
  'reroll', // same prompt, new seeds
  'subtle', // Vary (subtle) on a single image
  'strong', // Vary (strong) on a single image
  'delete', // remove the result (requester or moderator)
  'info', // full parameters, to the clicker only
  'cancel', // cancel a queued or running job (requester or moderator)
  'region', // Vary (Region) on a single image: a modal with the regions and the prompt; its submit starts the edit
  'zoom15', // Zoom Out 1.5x on a single image
  'zoom2', // Zoom Out 2x on a single image
  'panleft', // Pan ⬅ on a single image (the canvas grows by half on that side)
  'panright',
  'panup',
  'pandown',
  'upsubtle', // Upscale (Subtle) on a single image: 2x through the installed upscaler (Lanczos without one)
  'upcreative', // Upscale (Creative) on a single image: hires fix (img2img at low strength at twice the size)
  'remake', // under an expired image's notice: the same request with the same seed (the pipeline is deterministic)
  // Under the private question a prompt of several jobs asks first (permutations, --repeat). The id is that prompt's
  // row in pending_prompts, not a job's (src/discord/prompt-confirm.ts).
  'runmany', // Run: start the jobs
  'dropmany', // Cancel: start nothing
] as const;
export type ButtonAction = (typeof buttonActions)[number];

export interface ButtonRef {
  action: ButtonAction;
  jobId: number;
  index?: number | undefined;
}

export function encodeCustomId(ref: ButtonRef): string {
  return ref.index === undefined ? `${ref.action}:${ref.jobId}` : `${ref.action}:${ref.jobId}:${ref.index}`;
}

/** Returns null for anything that is not exactly a known action, a positive job id and an optional index 0-9. */
export function decodeCustomId(customId: string): ButtonRef | null {
  const m = /^([a-z][a-z0-9]*):([1-9]\d{0,15})(?::(\d))?$/.exec(customId);
  if (!m) return null;
  const action = m[1] as ButtonAction;
  if (!buttonActions.includes(action)) return null;
  const jobId = Number(m[2]);
  if (!Number.isSafeInteger(jobId)) return null;
  return m[3] === undefined ? { action, jobId } : { action, jobId, index: Number(m[3]) };
}
