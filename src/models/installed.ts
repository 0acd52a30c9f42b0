/**
 * Which models are installed under the models root: one folder per model with a model_index.json (or the manifest of
 * a download that has not finished yet). A folder is complete when its download manifest says so and every file it
 * lists is still there, or, for folders not made by `pull`, when the files the pipeline needs are all present.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readManifest } from './download.ts';
import { defaultRegistry, type ModelFamily, type Registry } from './registry.ts';

/** The files without which the pipeline cannot run (the VAE encoder is only needed for image-to-image). */
export const requiredModelFiles = [
  'model_index.json',
  'scheduler/scheduler_config.json',
  'text_encoder/model.onnx',
  'tokenizer/merges.txt',
  'tokenizer/vocab.json',
  'unet/model.onnx',
  'vae_decoder/model.onnx',
] as const;

export interface InstalledModel {
  name: string;
  dir: string;
  family?: ModelFamily | undefined;
  /** Bytes of every file in the folder. */
  sizeBytes: number;
  complete: boolean;
  /** Files that should be there and are not (empty when complete). */
  missing: string[];
  /** Where it came from, when it was pulled. */
  source?: { repo: string; revision: string; sha: string } | undefined;
  /** `.part` files from an interrupted download are present. */
  partial: boolean;
}

export async function listInstalledModels(
  root: string,
  registry: Registry = defaultRegistry,
): Promise<InstalledModel[]> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: InstalledModel[] = [];
  for (const name of names.sort()) {
    if (name.startsWith('.')) continue;
    const dir = join(root, name);
    if (!(await isDir(dir))) continue;
    const manifest = await readManifest(dir);
    const hasIndex = await exists(join(dir, 'model_index.json'));
    if (!hasIndex && !manifest) continue;

    const { size, partial } = await scan(dir);
    const family = registry.find(manifest?.name ?? name)?.family ?? (hasIndex ? await guessFamily(dir) : undefined);
    const wanted = manifest ? Object.keys(manifest.files) : [];
    // TAESD (models/taesd/) and the upscaler (models/upscaler/) are used beside the models, not pipelines: their
    // manifests say what they need.
    if (family !== 'taesd' && family !== 'upscaler')
      for (const f of requiredModelFiles) if (!wanted.includes(f)) wanted.push(f);
    const missing: string[] = [];
    for (const f of wanted) if (!(await exists(join(dir, f)))) missing.push(f);
    const complete = missing.length === 0 && (manifest ? manifest.complete : true);

    out.push({
      name,
      dir,
      family,
      sizeBytes: size,
      complete,
      missing,
      source: manifest ? { repo: manifest.repo, revision: manifest.revision, sha: manifest.sha } : undefined,
      partial,
    });
  }
  return out;
}

/** A best guess from model_index.json, for folders not made by `pull`. */
async function guessFamily(dir: string): Promise<ModelFamily | undefined> {
  let index: Record<string, unknown>;
  try {
    index = JSON.parse(await readFile(join(dir, 'model_index.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const origin = `${String(index._name_or_path ?? '')} ${String(index._class_name ?? '')}`.toLowerCase();
  if (/sdxl-turbo/.test(origin)) return 'sdxl-turbo';
  if (/sd-turbo/.test(origin)) return 'sd-turbo';
  if (/xl/.test(origin)) return 'sdxl';
  if (/v1[-_.]?5|1\.5|v1[-_.]?4/.test(origin)) return 'sd15';
  if (/2[-_.]1|2[-_.]0|v2/.test(origin)) return 'sd21';
  if (/tiny/.test(origin)) return 'tiny';
  return undefined;
}

async function scan(dir: string): Promise<{ size: number; partial: boolean }> {
  let size = 0;
  let partial = false;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = await scan(p);
      size += sub.size;
      partial ||= sub.partial;
    } else if (entry.isFile()) {
      size += (await lstat(p)).size;
      if (entry.name.endsWith('.part')) partial = true;
    }
  }
  return { size, partial };
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await lstat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await lstat(p);
    return true;
  } catch {
    return false;
  }
}
