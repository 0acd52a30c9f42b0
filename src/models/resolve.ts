/**
 * Which model folder to load: MODEL_DIR when set, else the first installed model under MODELS_PATH (the bundled
 * demo model last), else a UserError saying how to get one.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../errors.ts';

export interface ResolvedModel {
  dir: string;
  source: 'configured' | 'installed' | 'demo';
}

export interface ModelLocation {
  models: { root: string; dir?: string | undefined };
}

const DEMO = 'demo';

/** Said once at start-up when no other model is installed. */
export const DEMO_MODEL_NOTE =
  'Using the bundled demo model: it draws simple coloured shapes on coloured backgrounds ("a red star on the left on ' +
  'a blue background"). For real pictures, install a real model: npm run models -- pull sd-turbo';

export const NO_MODEL_HELP =
  'No model is installed. Download one with `npm run models -- pull sd-turbo` (about 5.2 GB; `npm run models -- list` shows the others), ' +
  'or make a small random test model with `npm run models -- make-tiny` and set MODEL_DIR=test-models/tiny; or set MODEL_DIR to a diffusers ONNX model folder.';

function hasModelIndex(dir: string): boolean {
  const p = join(dir, 'model_index.json');
  return existsSync(p) && statSync(p).isFile();
}

/** The installed model folders under the models root (model_index.json present), the demo model last. */
export function installedModelNames(root: string): string[] {
  const dir = resolve(root);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir)
    .filter((n) => !n.startsWith('.') && statSync(join(dir, n)).isDirectory() && hasModelIndex(join(dir, n)))
    .sort((a, b) => Number(a === DEMO) - Number(b === DEMO) || a.localeCompare(b));
}

/**
 * A model a person named (the CLI's --model): an installed model's name under the models root, or a model folder's
 * path. Unknown: a UserError listing the installed names.
 */
export function resolveNamedModel(config: ModelLocation, nameOrPath: string): ResolvedModel {
  const root = resolve(config.models.root);
  const byName = /^[\w.-]+$/.test(nameOrPath) ? join(root, nameOrPath) : undefined;
  if (byName && hasModelIndex(byName)) return { dir: byName, source: nameOrPath === DEMO ? 'demo' : 'installed' };
  const dir = resolve(nameOrPath);
  if (existsSync(dir) && statSync(dir).isDirectory() && hasModelIndex(dir)) return { dir, source: 'configured' };
  const names = installedModelNames(root);
  throw new UserError(
    `There is no model "${nameOrPath}": it is neither an installed model in ${root} nor a model folder (with model_index.json). ` +
      (names.length ? `Installed: ${names.join(', ')}.` : NO_MODEL_HELP),
    'no-model',
  );
}

export function resolveModelDir(config: ModelLocation): ResolvedModel {
  const configured = config.models.dir;
  if (configured !== undefined) {
    const dir = resolve(configured);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new UserError(
        `MODEL_DIR is ${dir}, which is not a folder. Set it to a diffusers ONNX model folder, or unset it to use the installed models.`,
        'no-model',
      );
    }
    if (!hasModelIndex(dir)) {
      throw new UserError(
        `MODEL_DIR is ${dir}, which has no model_index.json: it is not a model folder. ` +
          'Point it at a folder written by `npm run models -- pull <name>` (a diffusers ONNX export).',
        'no-model',
      );
    }
    return { dir, source: 'configured' };
  }
  const root = resolve(config.models.root);
  const first = installedModelNames(root)[0];
  if (first !== undefined) return { dir: join(root, first), source: first === DEMO ? 'demo' : 'installed' };
  throw new UserError(NO_MODEL_HELP, 'no-model');
}
