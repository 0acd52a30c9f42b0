/** May this request's shape (size, steps, images, upload) run under these limits? Pure. */
import type { LimitKey, LimitSettings } from './settings.ts';

export interface RequestShape {
  width: number;
  height: number;
  steps: number;
  /** Images asked for. */
  count: number;
  /** True when the request carries an uploaded image (image-to-image). */
  hasUpload?: boolean;
}

export type ShapeVerdict = { ok: true } | { ok: false; limit: LimitKey; message: string };

/** Checks in the order a person would fix them; the message names the value, the limit, and what to ask instead. */
export function checkRequest(limits: LimitSettings, req: RequestShape): ShapeVerdict {
  const refuse = (limit: LimitKey, message: string): ShapeVerdict => ({ ok: false, limit, message });
  if (req.hasUpload && !limits.allowUploads) {
    return refuse('allowUploads', 'Image uploads are turned off here. Ask again without an image, or ask a moderator.');
  }
  if (limits.maxWidth !== null && req.width > limits.maxWidth) {
    return refuse('maxWidth', `A width of ${req.width} px is more than allowed here (at most ${limits.maxWidth} px). ` +
      'Ask for a smaller size or another aspect ratio.');
  }
  if (limits.maxHeight !== null && req.height > limits.maxHeight) {
    return refuse('maxHeight', `A height of ${req.height} px is more than allowed here (at most ${limits.maxHeight} px). ` +
      'Ask for a smaller size or another aspect ratio.');
  }
  if (limits.maxPixels !== null && req.width * req.height > limits.maxPixels) {
    return refuse('maxPixels', `${req.width}x${req.height} is ${req.width * req.height} pixels, more than allowed here ` +
      `(at most ${limits.maxPixels}). Ask for a smaller size.`);
  }
  if (limits.maxSteps !== null && req.steps > limits.maxSteps) {
    return refuse('maxSteps', `${req.steps} steps is more than allowed here (at most ${limits.maxSteps}). ` +
      `Ask for ${limits.maxSteps} steps or fewer.`);
  }
  if (limits.maxImagesPerRequest !== null && req.count > limits.maxImagesPerRequest) {
    return refuse('maxImagesPerRequest', `${req.count} images at once is more than allowed here (at most ` +
      `${limits.maxImagesPerRequest}). Ask for fewer.`);
  }
  return { ok: true };
}
