/**
 * From what a person typed to a request: Midjourney-style flags inside the prompt (`--ar 16:9 --seed 42 --no cars
 * --steps 20`), options and defaults, resolved to one JobRequest. Shared by Discord, the CLI and the playground.
 * Pure: no Discord, no SQL. Bad values throw a UserError that names the flag and what to write instead; flags that
 * are not understood are listed so the reply can say they were ignored.
 */
import { randomInt } from 'node:crypto';
import { formatList, given, t, userError } from '../i18n/index.ts';
import type { Lang } from '../i18n/types.ts';
import { MAX_CHAOS, MAX_GUIDANCE, MAX_SEED, stepsForStrength, validateRequest, type JobRequest } from './request.ts';
import { formatAspect, parseAspect, sizeForAspect, type Aspect } from './size.ts';

/** What the prompt's flags asked for (each only when given). */
export interface PromptFlags {
  aspect?: Aspect | undefined;
  seed?: number | undefined;
  /** `--no a, b`: things to keep out, added to the negative prompt. */
  no?: string | undefined;
  steps?: number | undefined;
  guidance?: number | undefined;
  /** `--repeat N`: run the prompt as N jobs (each its own seed); see expandPrompt. */
  repeat?: number | undefined;
  /** `--chaos 0-100` (Midjourney's `--c`): how far apart the images of one grid are spread (src/diffusion/chaos.ts). */
  chaos?: number | undefined;
}

export interface ParsedPrompt {
  /** The prompt with every flag removed. */
  prompt: string;
  flags: PromptFlags;
  /** Flags that were not understood, as written (`--v 6`): ignored, and the reply says so. */
  ignored: string[];
}

/** Flag names and their aliases (Midjourney's and the usual Stable Diffusion words). */
const aliases: Record<string, keyof PromptFlags> = {
  ar: 'aspect',
  aspect: 'aspect',
  seed: 'seed',
  sameseed: 'seed',
  no: 'no',
  steps: 'steps',
  guidance: 'guidance',
  cfg: 'guidance',
  repeat: 'repeat',
  r: 'repeat',
  chaos: 'chaos',
  c: 'chaos',
};

/**
 * Splits `text` into the prompt and its `--flag value` parts. A flag's value runs to the next flag (so `--no red
 * cars, trees` works). Phones turn `--` into an em or en dash; those count too.
 */
export function parsePromptFlags(text: string): ParsedPrompt {
  const normalized = text.replace(/(^|\s)(?:\u2014|\u2013|\u2012)(?=[a-z])/giu, '$1--');
  const parts = normalized.split(/(?:^|\s)--(?=[a-z])/iu);
  const promptParts = [(parts.shift() ?? '').trim()];
  const flags: PromptFlags = {};
  const ignored: string[] = [];
  for (const part of parts) {
    const m = /^([a-z]+)\s*([\s\S]*)$/iu.exec(part.trim());
    if (!m) continue;
    const name = m[1]!.toLowerCase();
    let value = m[2]!.trim();
    const key = aliases[name];
    if (key && key !== 'no') {
      // One-word values: words after them belong to the prompt (`--ar 16:9 a cat`).
      const [first = '', ...rest] = value.split(/\s+/u);
      value = first;
      if (rest.length) promptParts.push(rest.join(' '));
    }
    if (!key) {
      ignored.push(`--${name}${value ? ` ${value}` : ''}`);
      continue;
    }
    switch (key) {
      case 'aspect':
        flags.aspect = parseAspect(value, `--${name}`);
        break;
      case 'seed':
        flags.seed = parseSeed(value, `--${name}`);
        break;
      case 'no':
        if (!value) throw userError('bad-flag', 'flag.noNeedsText');
        flags.no = flags.no ? `${flags.no}, ${value}` : value;
        break;
      case 'steps':
        flags.steps = parseWhole(value, `--${name}`, 1, 200);
        break;
      case 'guidance':
        flags.guidance = parseNumber(value, `--${name}`, 0, MAX_GUIDANCE);
        break;
      case 'repeat':
        flags.repeat = parseWhole(value, `--${name}`, 1, MAX_PROMPT_JOBS);
        break;
      case 'chaos':
        flags.chaos = parseWhole(value, `--${name}`, 0, MAX_CHAOS);
        break;
    }
  }
  return { prompt: promptParts.filter(Boolean).join(' '), flags, ignored };
}

/** The most jobs one prompt may make through permutations and --repeat together. */
export const MAX_PROMPT_JOBS = 10;

/**
 * Prompt tools: permutations and --repeat. Each `{a, b, c}` group is replaced by each of its comma-separated
 * choices in turn (groups multiply; a group inside a group is expanded first; flags may hold groups too:
 * `--ar {1:1, 16:9}`), and each resulting prompt runs `--repeat N` times. Returns one prompt text per job, in
 * order. More than MAX_PROMPT_JOBS jobs is refused with the cap named, before any work. A brace without its
 * partner is left as written.
 */
export function expandPrompt(text: string, max = MAX_PROMPT_JOBS): string[] {
  const texts = expandPermutations(text, max);
  const jobs: string[] = [];
  for (const t of texts) {
    const repeat = parsePromptFlags(t).flags.repeat ?? 1;
    for (let i = 0; i < repeat; i++) jobs.push(t);
  }
  if (jobs.length > max) throw tooManyJobs(texts.length, jobs.length, max);
  return jobs;
}

function tooManyJobs(permutations: number, jobs: number, max: number) {
  return userError('too-many-jobs', 'flag.tooManyJobs', { permutations, jobs, max });
}

function expandPermutations(text: string, max: number): string[] {
  return expandFrom(text, max).map((t) => t.replace(/\s{2,}/gu, ' ').trim());
}

/** Every text `s` stands for: its first balanced group's top-level choices (each expanded), times the rest's. */
function expandFrom(s: string, max: number): string[] {
  const group = firstGroup(s);
  if (!group) return [s];
  const [start, end] = group;
  const rest = expandFrom(s.slice(end + 1), max);
  const out: string[] = [];
  for (const choice of topLevelChoices(s.slice(start + 1, end))) {
    for (const c of expandFrom(choice.trim(), max)) {
      for (const r of rest) {
        out.push(s.slice(0, start) + c + r);
        if (out.length > max) throw tooManyJobs(out.length, out.length, max);
      }
    }
  }
  return out;
}

/** The first `{` with its matching `}` (indices), skipping a `{` that is never closed. */
function firstGroup(s: string): [number, number] | undefined {
  for (let start = s.indexOf('{'); start !== -1; start = s.indexOf('{', start + 1)) {
    let depth = 0;
    for (let i = start; i < s.length; i++) {
      if (s[i] === '{') depth++;
      else if (s[i] === '}' && --depth === 0) return [start, i];
    }
  }
  return undefined;
}

function topLevelChoices(inner: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '{') depth++;
    else if (inner[i] === '}') depth--;
    else if (inner[i] === ',' && depth === 0) {
      out.push(inner.slice(from, i));
      from = i + 1;
    }
  }
  out.push(inner.slice(from));
  return out;
}

function parseSeed(value: string, label: string): number {
  if (!/^\d{1,10}$/.test(value) || Number(value) > MAX_SEED) {
    throw userError('bad-flag', 'flag.seed', { label, max: MAX_SEED, given: given(value) });
  }
  return Number(value);
}

function parseWhole(value: string, label: string, min: number, max: number): number {
  const n = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) {
    throw userError('bad-flag', 'flag.whole', { label, min, max, given: given(value) });
  }
  return n;
}

function parseNumber(value: string, label: string, min: number, max: number): number {
  const n = /^\d{1,3}(?:\.\d{1,4})?$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) {
    throw userError('bad-flag', 'flag.number', { label, min, max, given: given(value) });
  }
  return n;
}

export function randomSeed(): number {
  return randomInt(0, MAX_SEED + 1);
}

/** What the person asked for, from slash options and prompt flags (options win where both are given). */
export interface ImagineInput {
  prompt: string;
  negative?: string | null | undefined;
  aspect?: string | null | undefined;
  seed?: number | null | undefined;
  steps?: number | null | undefined;
  guidance?: number | null | undefined;
  count?: number | null | undefined;
  strength?: number | null | undefined;
}

/** Defaults that come from the model, the configuration and the member's /settings. */
export interface ImagineDefaults {
  sampleSize: number;
  steps: number;
  guidance: number;
  count: number;
  /** The member's saved aspect ratio (/settings), else 1:1. */
  aspect?: string | null | undefined;
  /** An uploaded image's own ratio, used when nobody named one. */
  imageAspect?: Aspect | undefined;
  maxWidth: number;
  maxHeight: number;
  maxPixels?: number | null | undefined;
  seed?: () => number;
}

/** An /imagine request: the one request type, of kind 'imagine'. */
export type ImagineRequest = Extract<JobRequest, { kind: 'imagine' }>;

export interface ResolvedImagine {
  /** Checked for sense (server limits are checked by the caller); the ignored-flags note is in `notes`. */
  request: ImagineRequest;
  /** Flags that were ignored, for the reply. */
  ignored: string[];
}

/**
 * Prompt flags + options + defaults -> one request, checked for sense once (validateRequest). Image-to-image gets
 * just enough steps for its strength (stepsForStrength).
 */
export function resolveImagine(input: ImagineInput, d: ImagineDefaults): ResolvedImagine {
  const parsed = parsePromptFlags(input.prompt);
  const f = parsed.flags;
  const negatives = [input.negative?.trim(), f.no].filter((s): s is string => !!s);
  const aspectText = input.aspect ?? undefined;
  const aspect = aspectText
    ? parseAspect(aspectText)
    : (f.aspect ?? (d.aspect ? parseAspect(d.aspect) : d.imageAspect) ?? { w: 1, h: 1 });
  const size = sizeForAspect(aspect, {
    sampleSize: d.sampleSize,
    maxWidth: d.maxWidth,
    maxHeight: d.maxHeight,
    maxPixels: d.maxPixels,
  });
  const strength = input.strength ?? undefined;
  const steps = input.steps ?? f.steps ?? d.steps;
  const note = ignoredNote(parsed.ignored);
  const request = validateRequest({
    kind: 'imagine',
    prompt: parsed.prompt,
    ...(negatives.length && { negativePrompt: negatives.join(', ') }),
    ...size,
    steps: Number.isSafeInteger(steps) ? stepsForStrength(steps, strength) : steps,
    guidanceScale: input.guidance ?? f.guidance ?? d.guidance,
    seed: input.seed ?? f.seed ?? (d.seed ?? randomSeed)(),
    count: input.count ?? d.count,
    ...(strength !== undefined && { strength }),
    // Chaos 0 is today's request exactly (nothing recorded, the same bytes).
    ...(f.chaos && { chaos: f.chaos }),
    aspect: formatAspect(aspect),
    ...(note && { notes: [note] }),
  }) as ImagineRequest;
  return { request, ignored: parsed.ignored };
}

/**
 * "`--weird 50` and `--v 6` were not understood, so they were ignored (...)", from the catalog (job.ignoredFlags) in
 * the language of the job's messages (English for the CLI and the playground); undefined when nothing was ignored.
 */
export function ignoredNote(ignored: readonly string[], lang: Lang = 'en-US'): string | undefined {
  if (!ignored.length) return undefined;
  const flags = formatList(
    lang,
    ignored.map((f) => `\`${f.length > 40 ? `${f.slice(0, 40)}…` : f}\``),
  );
  return t(lang, 'job.ignoredFlags', { flags, count: ignored.length });
}
