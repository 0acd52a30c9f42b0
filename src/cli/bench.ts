/**
 * `npm run bench -- <name> [args]`: runs src/bench/<name>.ts, whose default export takes the remaining arguments
 * and prints its figures (JSON) to stdout.
 */
import { readdirSync } from 'node:fs';

const benches = readdirSync(new URL('../bench/', import.meta.url))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();
const [name, ...rest] = process.argv.slice(2);
if (!name || !benches.includes(name)) {
  console.error(`Usage: npm run bench -- <${benches.join('|')}> [options]`);
  process.exit(name ? 2 : 0);
}
const mod = (await import(`../bench/${name}.ts`)) as { default: (argv: string[]) => Promise<void> };
await mod.default(rest);
