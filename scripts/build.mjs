#!/usr/bin/env node
// `npm run build` (and `prestart`): compiles src/ and commands/ to dist/ with tsc (tsconfig.build.json,
// incremental, so an unchanged tree builds in well under a second), then deletes compiled files whose source is
// gone, so that a removed command file cannot linger in dist/commands.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);

const dist = join(root, 'dist');
function prune(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      prune(p);
      if (readdirSync(p).length === 0) rmSync(p, { recursive: true });
      continue;
    }
    const m = /^(.*)\.js(\.map)?$/.exec(relative(dist, p));
    if (m && !existsSync(join(root, `${m[1]}.ts`))) rmSync(p);
  }
}
if (existsSync(dist)) prune(dist);
