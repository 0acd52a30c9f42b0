/**
 * `npm run imagine -- --prompt "a lighthouse at dusk" --out out.png [options]`: one generation without Discord.
 *
 * It runs the pipeline in this process rather than through the inference process: a CLI has no gateway heartbeat
 * to keep alive, so a second process would only add start-up time and another place for errors to hide. The
 * pipeline code is the same one the inference process runs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { DEFAULT_BOUNDS, createPipeline } from '../diffusion/pipeline.ts';
import { parseSchedulerName, schedulerChoices, type GenerateRequest, type SchedulerName } from '../diffusion/types.ts';
import { UserError, isUserError } from '../errors.ts';
import { setLogLevel } from '../log.ts';
import { DEMO_MODEL_NOTE, resolveModelDir, resolveNamedModel } from '../models/resolve.ts';
import { expandPrompt, ignoredNote, parsePromptFlags, randomSeed } from '../request/prompt.ts';
import {
  panDirections,
  regionNames,
  validateRequest,
  type EditSpec,
  type PanDirection,
  type RegionName,
} from '../request/request.ts';
import { aspectOf, editSize, sideMultiple, sizeForAspect } from '../request/size.ts';
import sharp from 'sharp';
import { parseParameters, readPngParameters } from '../diffusion/png.ts';

const USAGE = `Usage: npm run imagine -- --prompt "text" [--out out.png] [options]
  --prompt TEXT          what to paint (required); may carry the bot's flags: --ar 16:9 --seed 42 --no cars
                         --steps 20 --guidance 6 (the options below win over them)
  --negative TEXT        what to avoid
  --out FILE             output PNG (default out.png; with --count N: out-1.png ... out-N.png)
  --seed N               seed of the first image (default: random); image i uses seed + i
  --steps N              denoising steps (default: the model's)
  --guidance G           classifier-free guidance scale (default: the model's; off for Turbo/LCM)
  --scheduler NAME       ${schedulerChoices()}
                         (A1111 names or dpmpp-2m-karras style; default: the model's own)
  --decoder vae|taesd    the final decode: the model's VAE (default) or TAESD, fast on a CPU with softer
                         detail (\`npm run models -- pull taesd\`); previews use TAESD whenever it is installed
  --width W --height H   multiples of 8 (default: the model's native size)
  --count N              images (default 1)
  --chaos 0-100          spread the images apart (seeded; default 0); also --chaos inside --prompt
  --init-image FILE      start from this image (image-to-image; the size follows its aspect unless given,
                         and a given size crops it to fill, centred) ...
  --strength S           ... keeping 1 - S of it, S in (0, 1] (default 0.75; 1 with an edit below)
  --mask FILE            repaint where the mask is white (black = keep, grey = partial) on --init-image
  --region NAME          repaint a region of --init-image: ${regionNames.join(', ')}
  --zoom-out 1.5|2       shrink --init-image into the centre and paint a border around it
  --pan left|right|up|down  extend --init-image by half on that side
                         (with an edit, --prompt defaults to the prompt in the image's PNG parameters)
  --init-latents FILE    raw little-endian float32 [count, 4, H/8, W/8] used instead of the seeded noise
  --model NAME|DIR       an installed model by name (npm run models -- list) or a model folder
                         (default: MODEL_DIR, else the first installed model)`;

/** An edit of --init-image: a mask file, or a region, zoom-out or pan (the pipeline builds their canvas). */
export type CliEdit = Exclude<EditSpec, { kind: 'mask' }> | { kind: 'mask'; file: string };

export interface ImagineArgs {
  /** Absent only with an edit: then the image's own prompt (its PNG parameters). */
  prompt: string | undefined;
  edit?: CliEdit | undefined;
  negative?: string | undefined;
  out: string;
  seed?: number | undefined;
  steps?: number | undefined;
  guidance?: number | undefined;
  scheduler?: SchedulerName | undefined;
  decoder?: 'vae' | 'taesd' | undefined;
  width?: number | undefined;
  height?: number | undefined;
  count: number;
  chaos?: number | undefined;
  initImage?: string | undefined;
  strength?: number | undefined;
  initLatents?: string | undefined;
  model?: string | undefined;
}

function number(name: string, value: string | undefined, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    throw new UserError(`--${name} must be ${integer ? 'a whole number' : 'a number'} (got ${JSON.stringify(value)}).`);
  }
  return n;
}

export function parseImagineArgs(argv: string[]): ImagineArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        prompt: { type: 'string' },
        negative: { type: 'string' },
        out: { type: 'string', default: 'out.png' },
        seed: { type: 'string' },
        steps: { type: 'string' },
        guidance: { type: 'string' },
        scheduler: { type: 'string' },
        decoder: { type: 'string' },
        width: { type: 'string' },
        height: { type: 'string' },
        count: { type: 'string' },
        chaos: { type: 'string' },
        'init-image': { type: 'string' },
        strength: { type: 'string' },
        'init-latents': { type: 'string' },
        mask: { type: 'string' },
        region: { type: 'string' },
        'zoom-out': { type: 'string' },
        pan: { type: 'string' },
        model: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    });
  } catch (err) {
    throw new UserError(`${(err as Error).message}\n${USAGE}`);
  }
  const v = parsed.values;
  if (v.help) throw new UserError(USAGE, 'help');
  const edits = (['mask', 'region', 'zoom-out', 'pan'] as const).filter((k) => v[k] !== undefined);
  if (edits.length > 1)
    throw new UserError(`Give one edit at a time (got ${edits.map((k) => `--${k}`).join(' and ')}).`);
  if (edits.length && v['init-image'] === undefined)
    throw new UserError(`--${edits[0]} edits an image: give it with --init-image.`);
  if (v.prompt === undefined && !edits.length) throw new UserError(`--prompt is required.\n${USAGE}`);
  let edit: CliEdit | undefined;
  if (v.mask !== undefined) edit = { kind: 'mask', file: v.mask };
  if (v.region !== undefined) {
    if (!(regionNames as readonly string[]).includes(v.region))
      throw new UserError(`--region must be one of ${regionNames.join(', ')} (got ${v.region}).`);
    edit = { kind: 'region', region: v.region as RegionName };
  }
  if (v['zoom-out'] !== undefined) {
    const factor = Number(v['zoom-out']);
    if (factor !== 1.5 && factor !== 2) throw new UserError(`--zoom-out takes 1.5 or 2 (got ${v['zoom-out']}).`);
    edit = { kind: 'zoom-out', factor };
  }
  if (v.pan !== undefined) {
    if (!(panDirections as readonly string[]).includes(v.pan))
      throw new UserError(`--pan takes ${panDirections.join(', ')} (got ${v.pan}).`);
    edit = { kind: 'pan', direction: v.pan as PanDirection };
  }
  const scheduler = v.scheduler === undefined ? undefined : parseSchedulerName(v.scheduler);
  if (v.scheduler !== undefined && scheduler === undefined) {
    throw new UserError(`--scheduler must be one of ${schedulerChoices()} (got ${v.scheduler}).`);
  }
  if (v.decoder !== undefined && v.decoder !== 'vae' && v.decoder !== 'taesd')
    throw new UserError(`--decoder takes vae or taesd (got ${v.decoder}).`);
  if (v.strength !== undefined && v['init-image'] === undefined)
    throw new UserError('--strength only applies with --init-image.');
  return {
    prompt: v.prompt,
    edit,
    negative: v.negative,
    out: v.out ?? 'out.png',
    seed: number('seed', v.seed, true),
    steps: number('steps', v.steps, true),
    guidance: number('guidance', v.guidance, false),
    scheduler,
    decoder: v.decoder as 'vae' | 'taesd' | undefined,
    width: number('width', v.width, true),
    height: number('height', v.height, true),
    count: number('count', v.count, true) ?? 1,
    chaos: number('chaos', v.chaos, true),
    initImage: v['init-image'],
    strength: number('strength', v.strength, false),
    initLatents: v['init-latents'],
    model: v.model,
  };
}

/** out.png -> out-1.png, out-2.png ... when there are several images. */
export function outputPaths(out: string, count: number): string[] {
  if (count === 1) return [out];
  const ext = extname(out) || '.png';
  const stem = join(dirname(out), basename(out, extname(out)));
  return Array.from({ length: count }, (_, i) => `${stem}-${i + 1}${ext}`);
}

function readFile(what: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new UserError(
      `${what} ${path} could not be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); check the path.`,
    );
  }
}

/** Raw little-endian float32, as numpy's `latents.astype('<f4').tofile(path)` writes it. */
export function readLatentsFile(path: string): Float32Array {
  const bytes = readFile('The init latents file', path);
  if (bytes.length % 4 !== 0)
    throw new UserError(
      `The init latents file ${path} has ${bytes.length} bytes, not a whole number of float32 values; write raw little-endian float32 (numpy: latents.astype('<f4').tofile(path)).`,
    );
  const out = new Float32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readFloatLE(i * 4);
  return out;
}

export async function runImagine(argv: string[], config: Readonly<Config> = loadConfig()): Promise<string[]> {
  const args = parseImagineArgs(argv);
  setLogLevel(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const resolved = args.model ? resolveNamedModel(config, args.model) : resolveModelDir(config);
  if (resolved.source === 'demo') console.error(DEMO_MODEL_NOTE);
  const modelDir = resolved.dir;
  const loadStart = performance.now();
  const pipeline = await createPipeline(modelDir, {
    executionProviders: config.models.executionProviders,
    intraOpThreads: config.models.intraOpThreads,
    // A chosen scheduler also lets a model whose scheduler_config.json names a class Atelier lacks load.
    ...(args.scheduler && { scheduler: args.scheduler }),
    bounds: {
      maxWidth: config.bounds.maxWidth,
      maxHeight: config.bounds.maxHeight,
      maxSteps: Math.max(config.bounds.maxSteps, DEFAULT_BOUNDS.maxSteps),
      maxImages: Math.max(config.bounds.maxImages, DEFAULT_BOUNDS.maxImages),
    },
  });
  const loadMs = performance.now() - loadStart;
  try {
    const info = pipeline.info;
    const initImage = args.initImage ? new Uint8Array(readFile('The init image', args.initImage)) : undefined;
    // An edit: the prompt defaults to the image's own, the size follows the image (rounded to the model's multiple).
    let editSized: { width: number; height: number } | undefined;
    let prompt = args.prompt;
    if (args.edit && initImage) {
      const meta = await sharp(initImage)
        .metadata()
        .catch(() => undefined);
      if (!meta?.width || !meta.height)
        throw new UserError(`The init image ${args.initImage} could not be read: give a PNG, JPEG or WebP image.`);
      const own = readPngParameters(initImage);
      prompt ??= own ? parseParameters(own).prompt : undefined;
      if (!prompt)
        throw new UserError(`${args.initImage} carries no prompt in its PNG parameters: give one with --prompt.`);
      editSized = editSize(args.edit, args.width ?? meta.width, args.height ?? meta.height, {
        multiple: sideMultiple(info.sampleSize),
        maxWidth: config.bounds.maxWidth,
        maxHeight: config.bounds.maxHeight,
      });
    }
    // Permutations ({red, blue} circle) and --repeat: one run per prompt text, each its own output (out-1.png, ...).
    const texts = expandPrompt(prompt ?? '');
    const jobOuts = texts.length === 1 ? [args.out] : outputPaths(args.out, texts.length);
    const allPaths: string[] = [];
    for (const [j, text] of texts.entries()) {
      // The same flags as in Discord (src/request/prompt.ts), then the one request's checks.
      const parsed = parsePromptFlags(text);
      const f = parsed.flags;
      const note = ignoredNote(parsed.ignored);
      if (note) console.error(`Note: ${note}`);
      // Without a size or --ar, an init image keeps its aspect at the model's pixel count (an explicit size crops it).
      let aspect = f.aspect;
      if (!aspect && initImage && !args.edit && args.width === undefined && args.height === undefined) {
        const meta = await sharp(initImage)
          .metadata()
          .catch(() => undefined);
        if (meta?.width && meta.height) aspect = aspectOf(meta.width, meta.height);
      }
      const sized = aspect
        ? sizeForAspect(aspect, {
            sampleSize: info.sampleSize,
            maxWidth: config.bounds.maxWidth,
            maxHeight: config.bounds.maxHeight,
          })
        : undefined;
      const negatives = [args.negative, f.no].filter((s): s is string => !!s);
      const core = validateRequest({
        kind: 'imagine',
        prompt: parsed.prompt,
        ...(negatives.length && { negativePrompt: negatives.join(', ') }),
        width: editSized?.width ?? args.width ?? sized?.width ?? info.sampleSize,
        height: editSized?.height ?? args.height ?? sized?.height ?? info.sampleSize,
        steps: args.steps ?? f.steps ?? config.bounds.defaultSteps ?? info.defaultSteps,
        guidanceScale: args.guidance ?? f.guidance ?? config.bounds.defaultGuidance ?? info.defaultGuidance,
        seed: args.seed ?? f.seed ?? randomSeed(),
        count: args.count,
        ...((args.chaos ?? f.chaos) && { chaos: args.chaos ?? f.chaos }),
        ...(args.scheduler && { scheduler: args.scheduler }),
        ...(args.decoder && { decoder: args.decoder }),
        // An edit repaints from noise by default (strength 1, as diffusers' inpaint pipelines); img2img keeps a quarter.
        ...(args.initImage && (args.strength !== undefined || !args.edit) && { strength: args.strength ?? 0.75 }),
      });
      const req: GenerateRequest = {
        prompt: core.prompt,
        negativePrompt: core.negativePrompt,
        width: core.width,
        height: core.height,
        steps: core.steps,
        guidanceScale: core.guidanceScale,
        seed: core.seed,
        count: core.count,
        scheduler: core.scheduler,
        strength: core.strength,
        ...(core.chaos && { chaos: core.chaos }),
        decoder: core.decoder,
        initImage,
        ...(args.edit?.kind === 'mask'
          ? {
              mask: new Uint8Array(readFile('The mask', args.edit.file)),
              edit: { kind: 'mask' as const, source: basename(args.edit.file) },
            }
          : args.edit && { edit: args.edit }),
        initLatents: args.initLatents ? readLatentsFile(args.initLatents) : undefined,
      };
      const result = await pipeline.generate(req, {
        onStep: (p) => process.stderr.write(`\rstep ${p.step}/${p.totalSteps}`),
      });
      process.stderr.write('\n');
      const paths = outputPaths(jobOuts[j]!, result.images.length);
      allPaths.push(...paths);
      result.images.forEach((img, i) => writeFileSync(paths[i]!, img.png));
      const t = result.timings;
      const round = (x: number) => Math.round(x * 10) / 10;
      console.log(
        JSON.stringify({
          files: paths,
          seeds: result.images.map((i) => i.seed),
          model: info.name,
          family: info.family,
          provider: result.info.executionProvider,
          scheduler: result.info.scheduler,
          steps: result.info.steps,
          guidanceScale: result.info.guidanceScale,
          size: `${req.width}x${req.height}`,
          tokenCount: result.info.tokenCount,
          truncatedTokens: result.info.truncatedTokens,
          timingsMs: {
            load: round(loadMs),
            tokenize: round(t.tokenizeMs),
            encode: round(t.encodeMs),
            steps: t.stepMs.map(round),
            decode: round(t.decodeMs),
            png: round(t.pngMs),
            total: round(t.totalMs),
            sessionRun: round(t.sessionRunMs),
          },
        }),
      );
      if (result.info.truncatedTokens > 0) {
        console.error(
          `Note: the model reads only part of the prompt; ${result.info.truncatedTokens} token(s) were dropped.`,
        );
      }
    }
    return allPaths;
  } finally {
    await pipeline.release();
  }
}

// Run when started as a script (not when imported by tests).
if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  try {
    await runImagine(process.argv.slice(2));
  } catch (err) {
    if (isUserError(err) || err instanceof ConfigError) {
      console.error(err.message);
      process.exit(isUserError(err) && err.code === 'help' ? 0 : 1);
    }
    throw err;
  }
}
