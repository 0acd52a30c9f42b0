#!/usr/bin/env node
// Runs every tests/**/*.test.ts with node's built-in test runner (TypeScript through tsx).
// Extra arguments are passed on: `npm test -- --test-name-pattern=tokenizer` or a list of files.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...find(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

// `--unit` (npm run test:unit): the fast lane, every test that starts no process of the bot's, browser or Redis and
// trains or runs no bigger model: pure logic, SQLite stores, schedulers, the tokenizer, commands on the local Discord.
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
const args = process.argv.slice(2);
const unit = args.includes('--unit');
const files = args.filter((a) => a.endsWith('.ts'));
const flags = args.filter((a) => !a.endsWith('.ts') && a !== '--unit');
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${concurrency}`,
    ...flags,
    ...(files.length ? files : find('tests').filter((f) => !unit || !SLOW.some((re) => re.test(f)))),
  ],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
