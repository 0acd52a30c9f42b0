/**
 * The real product for browser tests: `src/main.ts` as a child process (no Discord token, so the playground is what
 * it serves) on a free port, and Debian's Chromium driven by playwright-core. The Playwright browser download is
 * never used: `.ci/run` installs the `chromium` package, and these tests fail (not skip) without it.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { spawnEntry, untilReady } from './bot.ts';

export const demoModelDir = fileURLToPath(new URL('../../models/demo', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';

export interface App {
  /** The playground's address as printed at start-up. */
  url: string;
  proc: ChildProcess;
  output(): string;
  /** SIGTERM, and waits for the exit (the graceful shutdown). */
  stop(): Promise<number | null>;
}

/** Starts `npm start`'s entry point with only these variables (no .env) and waits for the playground line. */
export async function startApp(env: Record<string, string>, cwd: string): Promise<App> {
  const p = spawnEntry('src', {
    cwd,
    name: 'the app',
    env: {
      PATH: process.env.PATH ?? '',
      EXECUTION_PROVIDERS: 'cpu',
      INTRA_OP_THREADS: '1',
      HEALTH_PORT: '0',
      MODEL_DIR: demoModelDir,
      ...env,
    },
  });
  await untilReady(p, /playground is at http:\/\/\S+/, 60_000);
  const url = /playground is at (http:\/\/\S+)/.exec(p.output.join('\n'))![1]!;
  const output = () => `${p.output.join('\n')}\n`;
  return {
    url,
    proc: p.child,
    output,
    async stop() {
      if (p.child.exitCode === null) p.child.kill('SIGTERM');
      return (await p.exited)[0];
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (.ci/run does)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
