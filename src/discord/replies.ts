/**
 * What the bot's messages say and which buttons they carry, for every state of a job: queued, running (with a
 * preview), done (the grid and its buttons), failed, cancelled. Pure builders: a job and an event in, discord.js
 * message options out. Nothing here sends anything. Everyone sees these messages, so they speak the server's
 * language, kept with the job (`locale`, the guild_locale when it was asked); the Info embed speaks the clicker's.
 */
import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  EmbedBuilder,
  escapeMarkdown,
  type APIEmbed,
  type MessageActionRowComponentBuilder,
} from 'discord.js';
import { schedulerLabels } from '../diffusion/types.ts';
import type { Job } from '../db/jobs.ts';
import type { NoWorker } from '../queue/types.ts';
import {
  formatDuration as formatDurationIn,
  formatList,
  formatNumber,
  isMessageKey,
  resolveLang,
  t,
  type Lang,
  type MessageKey,
} from '../i18n/index.ts';
import { paintUrl } from '../playground/link.ts';
import { describeEdit } from '../request/request.ts';
import { encodeCustomId, type ButtonAction } from './custom-id.ts';
import { plainText } from './mentions.ts';

/** A message's content, embeds, buttons and files. `files: []` removes earlier attachments (a preview). */
export interface MessageView {
  content: string;
  embeds: APIEmbed[];
  components: ActionRowBuilder<MessageActionRowComponentBuilder>[];
  files: AttachmentBuilder[];
  /** Who the message may ping: nobody by default, so a prompt saying @everyone pings no one. */
  allowedMentions: { parse: []; users?: string[] };
}

/** The part of a job a reply needs. */
export type JobLike = Pick<Job, 'id' | 'userId' | 'kind' | 'params' | 'model' | 'seed'>;

const PROMPT_SHOWN = 300;

/**
 * The prompt as shown: mentions as plain names (jobs stored before prompts were made plain still carry raw ids),
 * masked links and bidi controls removed, markdown escaped, long prompts shortened.
 */
export function shownPrompt(prompt: string, lang: Lang = 'en-US'): string {
  const plain = plainText(prompt);
  const trimmed = plain.length > PROMPT_SHOWN ? `${plain.slice(0, PROMPT_SHOWN)}…` : plain;
  // allowed_mentions is empty anyway; the zero-width space only keeps @everyone from looking like a ping.
  return trimmed ? escapeMarkdown(trimmed).replace(/@(everyone|here)\b/g, '@\u200b$1') : t(lang, 'job.noPrompt');
}

/** The language of a job's public messages: the server's when it was asked (English for jobs from before). */
export function langOf(job: JobLike): Lang {
  return resolveLang(job.params.locale);
}

/** "**a cat** — <@123>", with what the job is made from. */
export function headline(job: JobLike): string {
  const p = job.params;
  const lang = langOf(job);
  const strength = p.strength === undefined ? '' : ` (${t(lang, 'job.strength', { strength: p.strength })})`;
  let from = '';
  if (p.kind === 'edit') {
    const of =
      p.parentJobId !== undefined
        ? t(lang, 'job.imageOf', { index: (p.sourceIndex ?? 0) + 1, job: p.parentJobId })
        : t(lang, 'job.fromUpload');
    from = ` · ${describeEdit(p.edit)}: ${of}`;
  } else if (job.kind === 'variation' && p.parentJobId !== undefined) {
    from = ` · ${t(lang, 'job.variationOfImage', { index: (p.sourceIndex ?? 0) + 1, job: p.parentJobId })}${strength}`;
  } else if (job.kind === 'variation') {
    from = ` · ${t(lang, p.source === 'message' ? 'job.variationOfPosted' : 'job.variationOfUpload')}`;
  } else if (job.kind === 'reroll' && p.parentJobId !== undefined) {
    from = ` · ${t(lang, 'job.rerollOf', { job: p.parentJobId })}`;
  } else if (job.kind === 'upscale' && p.parentJobId !== undefined) {
    from = ` · ${t(lang, 'job.imageOf', { index: (p.sourceIndex ?? 0) + 1, job: p.parentJobId })}`;
  } else if (p.strength !== undefined) {
    from = ` · ${t(lang, 'job.fromUpload')}${strength}`;
  }
  return `**${shownPrompt(p.prompt, lang)}** — <@${job.userId}>${from}`;
}

function notes(job: JobLike): string {
  const list = job.params.notes ?? [];
  return list.length ? `\n-# ${list.join('\n-# ')}` : '';
}

function button(
  action: ButtonAction,
  jobId: number,
  label: string,
  style: ButtonStyle,
  index?: number,
  emoji?: string,
) {
  const b = new ButtonBuilder().setCustomId(encodeCustomId({ action, jobId, index })).setStyle(style);
  if (label) b.setLabel(label); // the pan arrows are emoji alone
  return emoji ? b.setEmoji(emoji) : b;
}

function rows(buttons: ButtonBuilder[]): ActionRowBuilder<MessageActionRowComponentBuilder>[] {
  const out: ActionRowBuilder<MessageActionRowComponentBuilder>[] = [];
  for (let i = 0; i < buttons.length; i += 5) {
    out.push(new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(buttons.slice(i, i + 5)));
  }
  return out;
}

function view(content: string, extra: Partial<MessageView> = {}): MessageView {
  return { content, embeds: [], components: [], files: [], allowedMentions: { parse: [] }, ...extra };
}

/** The private answer to a button whose image has expired: why, and a button that makes the job again. */
/**
 * An expired image's notice, with a button that makes `remake.jobId` again when one can: the job itself, or (a
 * variation or an edit, whose source expired too) the original it was made from.
 */
export function expiredView(
  message: string,
  lang: Lang,
  remake?: { jobId: number; origin: boolean } | undefined,
): MessageView {
  const label = t(lang, remake?.origin ? 'button.remakeOrigin' : 'button.remake');
  return view(message, {
    components: remake ? rows([button('remake', remake.jobId, label, ButtonStyle.Primary, undefined, '🔁')]) : [],
  });
}

function cancelRow(job: JobLike) {
  return rows([button('cancel', job.id, t(langOf(job), 'button.cancel'), ButtonStyle.Secondary)]);
}

/**
 * Waiting: place in the queue and the estimated start (a Discord timestamp that counts down by itself), or, when no
 * live worker serves its model, that it waits for one.
 */
export function queuedView(
  job: JobLike,
  e: {
    position: number;
    etaMs: number;
    now: number;
    recovered?: { wasRunning: boolean } | undefined;
    noWorker?: NoWorker | undefined;
  },
): MessageView {
  const lang = langOf(job);
  const when = e.noWorker
    ? e.noWorker === 'unreachable'
      ? t(lang, 'job.workersUnreachable')
      : t(lang, 'job.noWorker', { model: job.model })
    : e.etaMs < 1000
      ? t(lang, 'job.startingNow')
      : t(lang, 'job.startsIn', {
          duration: formatDurationIn(lang, e.etaMs),
          relative: `<t:${Math.round((e.now + e.etaMs) / 1000)}:R>`,
        });
  const back = e.recovered ? `\n${restartNote(e.recovered, lang)}` : '';
  return view(`${headline(job)}\n${t(lang, 'job.waiting', { position: e.position, when })}${back}${notes(job)}`, {
    components: cancelRow(job),
  });
}

/** Said while a job waits or runs again after a restart of the bot. */
export function restartNote(r: { wasRunning: boolean }, lang: Lang = 'en-US'): string {
  return t(lang, r.wasRunning ? 'job.restartedWhileRunning' : 'job.restarted');
}

export function startedView(job: JobLike, e: { recovered?: { wasRunning: boolean } | undefined } = {}): MessageView {
  const lang = langOf(job);
  const back = e.recovered ? `\n${restartNote(e.recovered, lang)}` : '';
  return view(`${headline(job)}\n${t(lang, 'job.starting')}${back}${notes(job)}`, { components: cancelRow(job) });
}

/** Its model is loading first (the first job on that model in a while): says which, so the wait makes sense. */
export function loadingView(
  job: JobLike,
  e: { model: string; recovered?: { wasRunning: boolean } | undefined },
): MessageView {
  const lang = langOf(job);
  const back = e.recovered ? `\n${restartNote(e.recovered, lang)}` : '';
  return view(`${headline(job)}\n${t(lang, 'job.loadingModel', { model: e.model })}${back}${notes(job)}`, {
    components: cancelRow(job),
  });
}

/** Running: step and percentage, with the pipeline's small preview when it sent one. */
export function progressView(
  job: JobLike,
  e: {
    step: number;
    totalSteps: number;
    preview?: Uint8Array | undefined;
    recovered?: { wasRunning: boolean } | undefined;
  },
): MessageView {
  const lang = langOf(job);
  const percent = new Intl.NumberFormat(lang, { style: 'percent' }).format(
    Math.round((100 * e.step) / Math.max(1, e.totalSteps)) / 100,
  );
  const files =
    e.preview && e.preview.byteLength > 0
      ? [
          new AttachmentBuilder(Buffer.from(e.preview.buffer, e.preview.byteOffset, e.preview.byteLength), {
            name: 'preview.png',
            description: t(lang, 'job.previewDescription'),
          }).setSpoiler(!!job.params.spoiler),
        ]
      : [];
  const back = e.recovered ? `\n${restartNote(e.recovered, lang)}` : '';
  const painting = t(lang, 'job.painting', { step: e.step, total: e.totalSteps, percent });
  return view(`${headline(job)}\n${painting}${back}${notes(job)}`, { components: cancelRow(job), files });
}

/** The bot is shutting down mid-job: it keeps its place for the next start. */
export function interruptedView(job: JobLike): MessageView {
  return view(`${headline(job)}\n${t(langOf(job), 'job.interrupted')}${notes(job)}`, { components: cancelRow(job) });
}

export function failedView(job: JobLike, error: string): MessageView {
  return view(`${headline(job)}\n❌ ${error}`);
}

export function cancelledView(job: JobLike, e: { byModerator: boolean; reason: string | null }): MessageView {
  const lang = langOf(job);
  const said = e.reason
    ? t(lang, e.byModerator ? 'job.cancelledByModeratorReason' : 'job.cancelledByAuthorReason', {
        reason: escapeMarkdown(e.reason),
      })
    : t(lang, e.byModerator ? 'job.cancelledByModerator' : 'job.cancelledByAuthor');
  return view(`${headline(job)}\n${said}`);
}

/** One line of what made the images: seed(s), size, steps, guidance, model. */
export function paramsLine(job: JobLike, imageCount: number): string {
  const p = job.params;
  const lang = langOf(job);
  const seeds =
    imageCount > 1
      ? t(lang, 'job.seeds', { first: p.seed, last: (p.seed + imageCount - 1) >>> 0 })
      : t(lang, 'job.seed', { seed: p.seed });
  return `${seeds} · ${p.width}×${p.height} · ${t(lang, 'job.steps', { count: p.steps })} · ${t(lang, 'job.guidance', { guidance: p.guidanceScale })} · ${job.model}`;
}

/**
 * The buttons under a result: U/V per image and reroll on a grid; Vary subtle/strong, region, zoom, upscale and pan
 * on a single image, and, when the playground is on (`playgroundUrl`), a link to paint the region there.
 */
export function resultButtons(
  job: JobLike,
  imageCount: number,
  playgroundUrl?: string | undefined,
): ActionRowBuilder<MessageActionRowComponentBuilder>[] {
  const id = job.id;
  const lang = langOf(job);
  const tail = [
    button('reroll', id, t(lang, 'button.reroll'), ButtonStyle.Secondary, undefined, '🔄'),
    button('info', id, t(lang, 'button.info'), ButtonStyle.Secondary, undefined, 'ℹ️'),
    button('delete', id, t(lang, 'button.delete'), ButtonStyle.Danger, undefined, '🗑️'),
  ];
  if (imageCount <= 1) {
    return [
      ...rows([
        button('subtle', id, t(lang, 'button.subtle'), ButtonStyle.Primary, 0, '🪄'),
        button('strong', id, t(lang, 'button.strong'), ButtonStyle.Primary, 0, '🪄'),
        button('region', id, t(lang, 'button.region'), ButtonStyle.Primary, 0, '🖌️'),
        ...(playgroundUrl
          ? [
              new ButtonBuilder()
                .setStyle(ButtonStyle.Link)
                .setURL(paintUrl(playgroundUrl, id, 0))
                .setLabel(t(lang, 'button.paint'))
                .setEmoji('🎨'),
            ]
          : []),
      ]),
      ...rows([
        button('zoom2', id, t(lang, 'button.zoom2'), ButtonStyle.Secondary, 0, '🔍'),
        button('zoom15', id, t(lang, 'button.zoom15'), ButtonStyle.Secondary, 0, '🔍'),
        button('upsubtle', id, t(lang, 'button.upscaleSubtle'), ButtonStyle.Secondary, 0, '⏫'),
        button('upcreative', id, t(lang, 'button.upscaleCreative'), ButtonStyle.Secondary, 0, '⏫'),
      ]),
      ...rows([
        button('panleft', id, '', ButtonStyle.Secondary, 0, '⬅️'),
        button('panright', id, '', ButtonStyle.Secondary, 0, '➡️'),
        button('panup', id, '', ButtonStyle.Secondary, 0, '⬆️'),
        button('pandown', id, '', ButtonStyle.Secondary, 0, '⬇️'),
      ]),
      ...rows(tail),
    ];
  }
  const n = Math.min(imageCount, 10);
  const u = Array.from({ length: n }, (_, i) => button('upscale', id, `U${i + 1}`, ButtonStyle.Secondary, i));
  const v = Array.from({ length: n }, (_, i) => button('vary', id, `V${i + 1}`, ButtonStyle.Secondary, i));
  // U and V each on their own row(s), so U1 sits above V1 as people expect.
  return [...rows(u), ...rows(v), ...rows(tail)];
}

export interface ResultFile {
  data: Buffer;
  /** File name with its extension (png, webp or jpg). */
  name: string;
  description?: string | undefined;
}

/** Done: the grid (or the single image), the prompt and its parameters, and the buttons. */
export function resultView(
  job: JobLike,
  e: { file: ResultFile; imageCount: number; note?: string | undefined; playgroundUrl?: string | undefined },
): MessageView {
  const file = new AttachmentBuilder(e.file.data, {
    name: e.file.name,
    ...(e.file.description && { description: e.file.description }),
  }).setSpoiler(!!job.params.spoiler);
  const extra = e.note ? `\n-# ${e.note}` : '';
  return view(`${headline(job)}\n-# ${paramsLine(job, e.imageCount)}${notes(job)}${extra}`, {
    components: resultButtons(job, e.imageCount, e.playgroundUrl),
    files: [file],
  });
}

/** Everything about a job, for the clicker only, in the clicker's language (`lang`; the job's when not given). */
export function infoEmbed(
  job: Job,
  extra: { seeds: number[]; parentUrl?: string | undefined; lang?: Lang | undefined } = { seeds: [] },
): APIEmbed {
  const p = job.params;
  const lang = extra.lang ?? langOf(job);
  const tr = <K extends MessageKey>(key: K) => t(lang, key as 'info.title');
  const num = (n: number) => formatNumber(lang, n);
  const fields: { name: string; value: string; inline?: boolean }[] = [
    {
      name: tr('info.prompt'),
      value: p.prompt ? `\`\`\`\n${p.prompt.slice(0, 1000).replace(/```/g, "'''")}\n\`\`\`` : tr('info.none'),
    },
  ];
  if (p.negativePrompt)
    fields.push({
      name: tr('info.negative'),
      value: `\`\`\`\n${p.negativePrompt.slice(0, 1000).replace(/```/g, "'''")}\n\`\`\``,
    });
  const seeds = extra.seeds.length ? extra.seeds.join(', ') : String(p.seed);
  fields.push(
    { name: tr('info.seed'), value: seeds, inline: true },
    { name: tr('info.size'), value: `${p.width}×${p.height}${p.aspect ? ` (${p.aspect})` : ''}`, inline: true },
    { name: tr('info.steps'), value: num(p.steps), inline: true },
    { name: tr('info.guidance'), value: num(p.guidanceScale), inline: true },
    { name: tr('info.images'), value: num(p.count), inline: true },
    { name: tr('info.model'), value: escapeMarkdown(job.model), inline: true },
  );
  if (p.scheduler) fields.push({ name: tr('info.scheduler'), value: schedulerLabels[p.scheduler], inline: true });
  if (p.strength !== undefined) fields.push({ name: tr('info.strength'), value: num(p.strength), inline: true });
  if (p.parentJobId !== undefined) {
    const from =
      p.sourceIndex !== undefined
        ? t(lang, 'info.fromJobImage', { job: p.parentJobId, index: p.sourceIndex + 1 })
        : t(lang, 'info.fromJob', { job: p.parentJobId });
    fields.push({ name: tr('info.madeFrom'), value: from, inline: true });
  }
  const timing = formatList(
    lang,
    [
      job.waitMs !== null ? t(lang, 'info.waited', { duration: formatDurationIn(lang, job.waitMs) }) : '',
      job.runMs !== null ? t(lang, 'info.ran', { duration: formatDurationIn(lang, job.runMs) }) : '',
    ].filter(Boolean),
  );
  const kind = wordFor(lang, `kind.${job.kind}`, job.kind);
  const state = wordFor(lang, `state.${job.state}`, job.state);
  fields.push({
    name: tr('info.job'),
    value: `#${job.id} · ${kind} · ${state}${timing ? ` · ${timing}` : ''}`,
    inline: false,
  });
  return new EmbedBuilder().setTitle(tr('info.title')).addFields(fields).setColor(0x5865f2).toJSON();
}

/** A kind or state in the language, or as stored when the catalog has no word for it (one added later). */
function wordFor(lang: Lang, key: string, fallback: string): string {
  return isMessageKey(key) ? t(lang, key as 'info.title') : fallback;
}
