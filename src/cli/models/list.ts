/**
 * `npm run models -- list [--json]`: the models installed under MODELS_PATH, and the known ones not pulled yet with
 * their sizes and the command that fetches them.
 */
import { relative } from 'node:path';
import { loadConfig, type Config } from '../../config.ts';
import { UserError } from '../../errors.ts';
import { formatBytes } from '../../models/download.ts';
import { listInstalledModels, type InstalledModel } from '../../models/installed.ts';
import { defaultRegistry, type Registry, type RegistryEntry } from '../../models/registry.ts';
import { resolveModelDir } from '../../models/resolve.ts';

/** The folder the bot would load now, and why (MODEL_DIR, the first installed model, or the demo model). */
function modelInUse(config: Pick<Config, 'models'>): { dir: string; reason: string } | undefined {
  try {
    const r = resolveModelDir(config);
    const reason =
      r.source === 'configured'
        ? 'MODEL_DIR names it'
        : r.source === 'demo'
          ? 'no other model is installed, so the bundled demo model is used'
          : 'the first installed model by name (the demo model comes last); set MODEL_DIR to choose another';
    return { dir: r.dir, reason };
  } catch {
    return undefined;
  }
}

export interface ListDeps {
  config: Pick<Config, 'models'>;
  registry: Registry;
  stdout: (line: string) => void;
}

export async function list(argv: string[], deps: ListDeps): Promise<void> {
  const unknown = argv.filter((a) => a !== '--json');
  if (unknown.length)
    throw new UserError(`Unknown argument ${unknown.join(' ')}. Usage: npm run models -- list [--json]`, 'usage');
  const root = deps.config.models.root;
  const installed = await listInstalledModels(root, deps.registry);
  const pulled = new Set(installed.filter((m) => m.complete).map((m) => m.name));
  const available = deps.registry.list().filter((e) => !pulled.has(e.name));

  const inUse = modelInUse(deps.config);
  if (argv.includes('--json')) {
    deps.stdout(
      JSON.stringify(
        {
          root,
          inUse: inUse ?? null,
          installed,
          available: available.map((e) => ({ ...e, pull: pullCommand(e.name) })),
        },
        null,
        2,
      ),
    );
    return;
  }

  const shownRoot = shortPath(root);
  if (installed.length === 0) {
    deps.stdout(`No models installed in ${shownRoot} yet.`);
  } else {
    deps.stdout(`Installed in ${shownRoot}:`);
    const width = Math.max(...installed.map((m) => m.name.length));
    for (const m of installed) {
      const mark = inUse && m.dir === inUse.dir ? '*' : ' ';
      deps.stdout(`${mark} ${m.name.padEnd(width)}  ${formatBytes(m.sizeBytes).padStart(8)}  ${status(m)}`);
    }
  }
  deps.stdout(
    inUse
      ? `In use${installed.some((m) => m.dir === inUse.dir) ? ' (*)' : ''}: ${shortPath(inUse.dir)}, because ${inUse.reason}.`
      : 'In use: none; the bot cannot start until a model is installed or MODEL_DIR is set.',
  );

  deps.stdout('');
  if (available.length === 0) {
    deps.stdout('Every known model is installed.');
    return;
  }
  deps.stdout('Available to pull from the Hugging Face hub:');
  const width = Math.max(...available.map((e) => e.name.length));
  for (const e of available) {
    deps.stdout(`  ${e.name.padEnd(width)}  ~${formatBytes(e.approxBytes).padStart(7)}  ${e.description}`);
    deps.stdout(`  ${''.padEnd(width)}   ${providers(e)}; licence: ${e.licence.name}`);
    deps.stdout(`  ${''.padEnd(width)}   ${pullCommand(e.name)}`);
  }
}

function status(m: InstalledModel): string {
  const family = m.family ? ` (${m.family})` : '';
  const source = m.source ? `  ${m.source.repo}@${m.source.sha.slice(0, 7)}` : '';
  if (m.complete) return `ready${family}${source}`;
  const shown = m.missing.slice(0, 3).join(', ') + (m.missing.length > 3 ? `, and ${m.missing.length - 3} more` : '');
  const what = m.missing.length ? `missing ${shown}` : 'download not finished';
  const hint = m.source || m.partial ? `; resume with ${pullCommand(m.name)}` : '';
  return `incomplete: ${what}${hint}`;
}

function providers(e: RegistryEntry): string {
  const parts = Object.entries(e.providers).map(([p, s]) => `${p} ${s}`);
  return `${e.dtype}; providers: ${parts.join(', ')}`;
}

/** Relative when inside the working folder (shorter), absolute otherwise. */
function shortPath(p: string): string {
  const rel = relative(process.cwd(), p);
  return rel && !rel.startsWith('..') ? rel : p;
}

function pullCommand(name: string): string {
  return `npm run models -- pull ${name}`;
}

export async function run(argv: string[]): Promise<void> {
  await list(argv, {
    config: loadConfig(),
    registry: defaultRegistry,
    stdout: (line) => process.stdout.write(line + '\n'),
  });
}
