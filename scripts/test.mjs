#!/usr/bin/env node
// Runs every tests/**/*.test.ts with node's built-in test runner (TypeScript through tsx), one process per file.
// Extra arguments are passed on: `npm test -- --test-name-pattern=tokenizer` or a list of files.
//
// `--unit` (npm run test:unit) is the fast lane: the tests that run wholly in this process, meaning nothing that
// starts the bot as a process, the inference process, a worker, redis-server or Chromium, and no model bigger than
// the generated tiny ones (in-process SQLite, schedulers, the tokenizer, tiny ONNX sessions, and the bot itself
// against the local Discord with a held queue are all in). Its files run in TEST_CONCURRENCY processes (2) that load
// the shared modules (discord.js, the commands, the Discord stand-in) once each, instead of one process per file,
// which cost four times the CPU; each file is still a suite of its own with its own before/after hooks.
// TEST_ISOLATION=process runs the lane one process per file, as `npm test` does.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...find(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

// Outside the fast lane: files that start processes, a browser or Redis, or run bigger models.
const SLOW = [
  /^tests\/(e2e|health|playground|scale|cli|bench|upscale|demo)\//,
  /^tests\/main\.test\.ts$/,
  /^tests\/diffusion\/(pipeline|model|session|inpaint|threads)\.test\.ts$/,
  /^tests\/queue\/storage\.test\.ts$/,
  /^tests\/inference\//,
  /^tests\/models\/(tiny|download|onnx-writer)\.test\.ts$/,
  /^tests\/queue\/(real|crash)\.test\.ts$/,
  /^tests\/db\/(quota|backup)\.test\.ts$/,
];
// What a fast-lane file may not use; a file that does belongs in SLOW.
const OUT_OF_PROCESS =
  /\b(useBotProcesses|startBotProcesses|startRedis|startWorkerHost|createInferenceClient|createInferencePool|launchChromium|startApp)\b/;

const args = process.argv.slice(2);
const unit = args.includes('--unit');
const files = args.filter((a) => a.endsWith('.ts'));
const flags = args.filter((a) => !a.endsWith('.ts') && a !== '--unit');
const concurrency = Number(process.env.TEST_CONCURRENCY ?? '2');

let targets = files.length ? files : find('tests').filter((f) => !unit || !SLOW.some((re) => re.test(f)));
if (unit && !files.length) {
  const strays = targets.filter((f) => OUT_OF_PROCESS.test(readFileSync(f, 'utf8')));
  if (strays.length) {
    console.error(
      `Not for the fast lane (they start processes, Redis or a browser): ${strays.join(', ')}.\n` +
        'Add them to SLOW in scripts/test.mjs.',
    );
    process.exit(1);
  }
  if (process.env.TEST_ISOLATION !== 'process') targets = shards(targets, Math.max(1, concurrency));
}

/**
 * Writes `n` entry files under .tmp/unit/, each importing its share of the files (balanced by size) inside one suite
 * per file, and returns their paths.
 */
function shards(list, n) {
  const dir = '.tmp/unit';
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const groups = Array.from({ length: n }, () => ({ bytes: 0, files: [] }));
  for (const f of [...list].sort((a, b) => statSync(b).size - statSync(a).size)) {
    const g = groups.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    g.files.push(f);
    g.bytes += statSync(f).size;
  }
  return groups
    .filter((g) => g.files.length)
    .map((g, i) => {
      const path = join(dir, `shard-${i + 1}.mjs`);
      const lines = g.files
        .sort()
        .map((f) => `describe(${JSON.stringify(f)}, () => import(${JSON.stringify(resolve(f))}));`);
      writeFileSync(
        path,
        `// Written by scripts/test.mjs --unit: these fast-lane files in one process, a suite each.\n` +
          `import { describe } from 'node:test';\n${lines.join('\n')}\n`,
      );
      return path;
    });
}

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...flags, ...targets],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
