/**
 * `npm run -s tokens -- [--model DIR | --tokenizer DIR] [--weights] "prompt" ["prompt" ...]`
 *
 * Prints one JSON line per prompt, in order: `{"count": N, "truncated": bool, "ids": [77 ids]}`, where count is the
 * number of prompt tokens (without BOS/EOS), truncated says whether the prompt is longer than one 75-token chunk,
 * and ids is the first chunk as the text encoder sees it (BOS, tokens, EOS, padding).
 *
 * By default the prompt is tokenized as it is, exactly as CLIP's tokenizer would (so the output can be compared with
 * other implementations); `--weights` first reads the weights syntax ("(word:1.3)", "[word]", BREAK) the way the
 * pipeline does, so the ids are the ones the model gets.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { tokenizePrompt } from '../diffusion/prompt.ts';
import { ClipTokenizer } from '../diffusion/tokenizer.ts';
import { UserError, isUserError } from '../errors.ts';

const USAGE = 'Usage: npm run -s tokens -- [--model DIR | --tokenizer DIR] [--weights] "prompt" ["prompt" ...]';
/** The CLIP vocabulary shipped beside the repository (assets/clip-tokenizer), used when no folder is given. */
const SHARED_TOKENIZER = fileURLToPath(new URL('../../assets/clip-tokenizer', import.meta.url));

function tokenizerDir(values: { model?: string; tokenizer?: string }): string {
  if (values.model !== undefined && values.tokenizer !== undefined) {
    throw new UserError(`Pass either --model or --tokenizer, not both.\n${USAGE}`, 'bad-args');
  }
  if (values.model !== undefined) return join(values.model, 'tokenizer');
  if (values.tokenizer !== undefined) return values.tokenizer;
  if (existsSync(join(SHARED_TOKENIZER, 'vocab.json'))) return SHARED_TOKENIZER;
  throw new UserError(
    `No tokenizer to use: pass --model DIR (a model folder with a tokenizer/ inside) or --tokenizer DIR (a folder with vocab.json and merges.txt).\n${USAGE}`,
    'bad-args',
  );
}

async function run(
  argv: string[],
  write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        model: { type: 'string' },
        tokenizer: { type: 'string' },
        weights: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
    });
  } catch (err) {
    throw new UserError(`${(err as Error).message}\n${USAGE}`, 'bad-args');
  }
  const { values, positionals } = parsed;
  if (values.help) {
    write(USAGE);
    return;
  }
  if (positionals.length === 0) throw new UserError(`Give at least one prompt.\n${USAGE}`, 'bad-args');

  const tokenizer = await ClipTokenizer.load(tokenizerDir(values));
  for (const prompt of positionals) {
    const { chunks, tokenCount, truncatedTokens } = tokenizePrompt(tokenizer, prompt, {
      maxChunks: 1,
      parseWeights: values.weights,
    });
    write(JSON.stringify({ count: tokenCount, truncated: truncatedTokens > 0, ids: [...chunks[0]!.ids] }));
  }
}

try {
  await run(process.argv.slice(2));
} catch (err) {
  if (!isUserError(err)) throw err;
  console.error(err.message);
  process.exitCode = 1;
}
