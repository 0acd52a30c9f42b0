/**
 * `npm run models -- pull <name> [--verify]`: download a known model from the Hugging Face hub into models/<name>/.
 * Resumes an interrupted download; `--verify` re-hashes files already in place. Ctrl-C stops it, keeping what
 * arrived for the next run.
 */
import { relative } from 'node:path';
import { loadConfig, type Config } from '../../config.ts';
import { CancelledError, UserError } from '../../errors.ts';
import { formatBytes, pullModel, type ProgressStream } from '../../models/download.ts';
import { createHubClient } from '../../models/hub.ts';
import { defaultRegistry, isPinnedRevision, type Registry } from '../../models/registry.ts';

export interface PullDeps {
  config: Pick<Config, 'models'>;
  registry: Registry;
  stdout: (line: string) => void;
  /** Progress and notes. */
  stderr: ProgressStream;
  signal?: AbortSignal;
  /** Passed through to the downloader (tests make retries fast). */
  retryDelayMs?: number;
}

export async function pull(argv: string[], deps: PullDeps): Promise<void> {
  const flags = argv.filter((a) => a.startsWith('-'));
  const names = argv.filter((a) => !a.startsWith('-'));
  const unknown = flags.filter((f) => f !== '--verify');
  const known = deps.registry
    .list()
    .map((e) => e.name)
    .join(', ');
  if (unknown.length)
    throw new UserError(
      `Unknown option ${unknown.join(' ')}. Usage: npm run models -- pull <name> [--verify]`,
      'usage',
    );
  if (names.length !== 1) {
    throw new UserError(`Usage: npm run models -- pull <name> [--verify]. Known models: ${known}.`, 'usage');
  }
  const entry = deps.registry.get(names[0]!);
  const hub = createHubClient({ hubUrl: deps.config.models.hubUrl, token: deps.config.models.hubToken });

  deps.stderr.write(
    `${entry.name}: ${entry.description}\n` +
      `  from ${entry.repo} at ${isPinnedRevision(entry.revision) ? `commit ${entry.revision.slice(0, 7)}` : `branch ${entry.revision} (not pinned)`}, about ${formatBytes(entry.approxBytes)}\n` +
      `  licence: ${entry.licence.name} (${entry.licence.url})${entry.licence.note ? `. ${entry.licence.note}` : ''}\n`,
  );
  let result;
  try {
    result = await pullModel({
      name: entry.name,
      modelsRoot: deps.config.models.root,
      hub,
      registry: deps.registry,
      progress: deps.stderr,
      verifyExisting: flags.includes('--verify'),
      ...(deps.signal ? { signal: deps.signal } : {}),
      ...(deps.retryDelayMs !== undefined ? { retryDelayMs: deps.retryDelayMs } : {}),
    });
  } catch (err) {
    if (err instanceof CancelledError) {
      throw new UserError(
        `Stopped. What arrived is kept; run \`npm run models -- pull ${entry.name}\` again to resume.`,
        'cancelled',
      );
    }
    throw err;
  }
  const total = result.files.reduce((n, f) => n + f.size, 0);
  const rel = relative(process.cwd(), result.dir);
  // Relative when inside the working folder (shorter to copy), absolute otherwise.
  const shown = rel && !rel.startsWith('..') ? rel : result.dir;
  deps.stdout(
    `${entry.name} is ready in ${shown}: ${result.files.length} files, ${formatBytes(total)}, commit ${result.sha.slice(0, 7)}` +
      ` (${formatBytes(result.bytesFetched)} downloaded now, all verified).`,
  );
  if (entry.family === 'taesd') {
    deps.stdout(
      'Previews now use it at every step for SD 1.x/2.x models beside it; for a fast final decode: npm run imagine -- --decoder taesd --prompt "a lighthouse at dusk"',
    );
    return;
  }
  if (entry.family === 'upscaler') {
    deps.stdout('Upscale (Subtle) uses it from its next run (the bot and workers load it then; no restart needed).');
    return;
  }
  const d = entry.defaults;
  if (!d) return;
  deps.stdout(
    `Recommended: ${d.steps} step(s), guidance ${d.guidanceScale}, ${d.width}x${d.height}. ` +
      `Try: npm run imagine -- --model ${shown} --prompt "a lighthouse at dusk" --out out.png`,
  );
}

export async function run(argv: string[]): Promise<void> {
  const controller = new AbortController();
  const onSigint = () => {
    process.stderr.write('\nStopping (press Ctrl-C again to quit at once) ...\n');
    controller.abort();
    process.once('SIGINT', () => process.exit(130));
  };
  process.once('SIGINT', onSigint);
  try {
    await pull(argv, {
      config: loadConfig(),
      registry: defaultRegistry,
      stdout: (line) => process.stdout.write(line + '\n'),
      stderr: process.stderr,
      signal: controller.signal,
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
}
