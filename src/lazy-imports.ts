/**
 * Dependencies loaded at their first use instead of at start-up: importing sharp (about 0.6 s, its native library)
 * and re2js (0.25 s on a loaded machine) before the gateway login made the bot's start-up 2x a bare discord.js
 * login. Nothing before login needs them; the first image or /regex/ blocklist entry loads them (once).
 */
import { createRequire } from 'node:module';
import type Sharp from 'sharp';
import type { RE2JS } from 're2js';

let sharp: Promise<typeof Sharp> | undefined;
/** sharp, imported on the first call. */
export function loadSharp(): Promise<typeof Sharp> {
  sharp ??= import('sharp').then((m) => m.default);
  return sharp;
}

let re2: typeof RE2JS | undefined;
/** re2js's RE2JS class, loaded synchronously on the first call (the blocklist compiles patterns synchronously). */
export function re2js(): typeof RE2JS {
  re2 ??= (createRequire(import.meta.url)('re2js') as typeof import('re2js')).RE2JS;
  return re2;
}
