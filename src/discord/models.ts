/**
 * Which installed model a request runs on: the member's choice (/imagine model:), else the server's default
 * (/limits set key:defaultModel), else the bot's own (MODEL_DIR, or the first installed). Everything here answers
 * from memory (the inference side lists the installed models; AppContext.models), so the autocomplete and the
 * decision never wait.
 */
import type { ModelInfo } from '../diffusion/types.ts';
import { userError } from '../i18n/index.ts';
import type { AppContext } from './context.ts';

/** Discord shows at most 25 suggestions. */
const MAX_CHOICES = 25;

/** The installed models, the bot's default first; just the loaded one where nothing lists the others. */
export function installedModels(ctx: AppContext): readonly ModelInfo[] {
  const listed = ctx.models?.() ?? [];
  if (listed.length) return listed;
  const loaded = ctx.modelInfo();
  return loaded ? [loaded] : [];
}

/**
 * The model for a request: `name` (the member's), else `serverDefault`, else the bot's default. A name that is not
 * installed is refused with the installed ones; a server default that is gone (removed since it was set) falls back
 * to the bot's default rather than refusing every request. Undefined only while nothing is loaded yet.
 */
export function chooseModel(
  ctx: AppContext,
  name: string | null | undefined,
  serverDefault: string | null | undefined,
): ModelInfo | undefined {
  const models = installedModels(ctx);
  const fallback = ctx.modelInfo() ?? models[0];
  if (name) {
    const found = findModel(models, name);
    if (!found) throw userError('bad-model', 'job.badModel', { name, choices: models.map((m) => m.name).join(', ') });
    return found;
  }
  if (serverDefault) return findModel(models, serverDefault) ?? fallback;
  return fallback;
}

function findModel(models: readonly ModelInfo[], name: string): ModelInfo | undefined {
  const wanted = name.trim().toLowerCase();
  return models.find((m) => m.name.toLowerCase() === wanted);
}

/** Suggestions for what the member has typed: names starting with it first, then names containing it. */
export function modelChoices(ctx: AppContext, typed: string): { name: string; value: string }[] {
  const q = typed.trim().toLowerCase();
  const models = installedModels(ctx);
  const starts = models.filter((m) => m.name.toLowerCase().startsWith(q));
  const contains = models.filter((m) => !starts.includes(m) && m.name.toLowerCase().includes(q));
  return [...starts, ...contains].slice(0, MAX_CHOICES).map((m) => ({ name: label(m), value: m.name }));
}

/** "sd-turbo · sd-turbo, 512 px": the name, then what kind of model it is. */
function label(m: ModelInfo): string {
  const text = m.family && m.family !== m.name ? `${m.name} · ${m.family}, ${m.sampleSize} px` : m.name;
  return text.slice(0, 100);
}
