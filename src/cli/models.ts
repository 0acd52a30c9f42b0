/**
 * `npm run models -- <command> [args]`: model management.
 *   list                 installed models and the ones that can be pulled
 *   pull <name>          download a known model from the Hugging Face hub into models/<name>/
 *   make-tiny <dir>      write a tiny random-weight model (tests, benchmarks)
 *   train-demo           retrain the demo model (PyTorch)
 * Each subcommand lives in src/cli/models/<command>.ts and exports `run(argv)`.
 */
import { readdirSync } from 'node:fs';
import { isUserError } from '../errors.ts';

const commands = readdirSync(new URL('./models/', import.meta.url))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();
const [command, ...rest] = process.argv.slice(2);
if (!command || !commands.includes(command)) {
  console.error(`Usage: npm run models -- <${commands.join('|')}> [args]`);
  process.exit(command ? 2 : 0);
}
try {
  const mod = (await import(`./models/${command}.ts`)) as { run: (argv: string[]) => Promise<void> };
  await mod.run(rest);
} catch (err) {
  if (isUserError(err)) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
