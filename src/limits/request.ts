/** May this request's shape (size, steps, images, upload) run under these limits? Pure. */
import { localized, type Localized } from '../i18n/index.ts';
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

export type ShapeVerdict = { ok: true } | ({ ok: false; limit: LimitKey } & Localized);

/** Checks in the order a person would fix them; the message names the value, the limit, and what to ask instead. */
export function checkRequest(limits: LimitSettings, req: RequestShape): ShapeVerdict {
  const refuse = (limit: LimitKey, text: Localized): ShapeVerdict => ({ ok: false, limit, ...text });
  if (req.hasUpload && !limits.allowUploads) return refuse('allowUploads', localized('shape.uploads'));
  if (limits.maxWidth !== null && req.width > limits.maxWidth) {
    return refuse('maxWidth', localized('shape.width', { value: req.width, max: limits.maxWidth }));
  }
  if (limits.maxHeight !== null && req.height > limits.maxHeight) {
    return refuse('maxHeight', localized('shape.height', { value: req.height, max: limits.maxHeight }));
  }
  if (limits.maxPixels !== null && req.width * req.height > limits.maxPixels) {
    return refuse(
      'maxPixels',
      localized('shape.pixels', {
        width: req.width,
        height: req.height,
        value: req.width * req.height,
        max: limits.maxPixels,
      }),
    );
  }
  if (limits.maxSteps !== null && req.steps > limits.maxSteps) {
    return refuse('maxSteps', localized('shape.steps', { value: req.steps, max: limits.maxSteps }));
  }
  if (limits.maxImagesPerRequest !== null && req.count > limits.maxImagesPerRequest) {
    return refuse(
      'maxImagesPerRequest',
      localized('shape.images', { value: req.count, max: limits.maxImagesPerRequest }),
    );
  }
  return { ok: true };
}
