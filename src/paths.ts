/**
 * Where the repository's data folders are, whether the code runs from src/ (tsx, tests, CLIs) or compiled from
 * dist/src/ (`npm start`): the repository root is the nearest folder above this file that holds package.json.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}: Atelier's files are incomplete`);
  }
}

export const repoRoot = findRoot(dirname(fileURLToPath(import.meta.url)));

/** '.js' when running compiled (dist/), '.ts' when running the sources. */
export const codeExtension = import.meta.url.endsWith('.js') ? '.js' : '.ts';
