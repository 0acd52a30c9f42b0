/**
 * The real product for browser tests: `src/main.ts` as a child process (no Discord token, so the playground is what
 * it serves) on a free port, and Debian's Chromium driven by playwright-core. The Playwright browser download is
 * never used: `.ci/run` installs the `chromium` package, and these tests fail (not skip) without it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const tsx = import.meta.resolve('tsx');
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
  const proc = spawn(process.execPath, ['--import', tsx, main], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      EXECUTION_PROVIDERS: 'cpu',
      INTRA_OP_THREADS: '1',
      HEALTH_PORT: '0',
      MODEL_DIR: demoModelDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no playground line within 60 s:\n${out}`)), 60_000);
    const check = () => {
      const m = /playground is at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    proc.stdout!.on('data', check);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the app exited with ${code} before serving:\n${out}`));
    });
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return {
    url,
    proc,
    output: () => out,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      return exited;
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
