/**
 * What the bot's messages say and which buttons they carry, for every state of a job: queued, running (with a
 * preview), done (the grid and its buttons), failed, cancelled. Pure builders: a job and an event in, discord.js
 * message options out. Nothing here sends anything.
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
import { encodeCustomId, type ButtonAction } from './custom-id.ts';

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

/** The prompt as shown: markdown and mentions neutralised, long prompts shortened. */
export function shownPrompt(prompt: string): string {
  const trimmed = prompt.length > PROMPT_SHOWN ? `${prompt.slice(0, PROMPT_SHOWN)}…` : prompt;
  return trimmed ? escapeMarkdown(trimmed).replace(/@/g, '@\u200b') : '*(no prompt)*';
}

/** "**a cat** — <@123>", with what the job is made from. */
export function headline(job: JobLike): string {
  const p = job.params;
  let from = '';
  if (job.kind === 'variation' && p.parentJobId !== undefined) {
    const strength = p.strength === undefined ? '' : ` (strength ${p.strength})`;
    from = ` · variation of image ${(p.sourceIndex ?? 0) + 1} from #${p.parentJobId}${strength}`;
  } else if (job.kind === 'variation') {
    from = ` · variation of ${p.source === 'message' ? 'a posted image' : 'an uploaded image'}`;
  } else if (job.kind === 'reroll' && p.parentJobId !== undefined) {
    from = ` · reroll of #${p.parentJobId}`;
  } else if (job.kind === 'upscale' && p.parentJobId !== undefined) {
    from = ` · image ${(p.sourceIndex ?? 0) + 1} from #${p.parentJobId}`;
  } else if (p.strength !== undefined) {
    from = ` · from an uploaded image (strength ${p.strength})`;
  }
  return `**${shownPrompt(p.prompt)}** — <@${job.userId}>${from}`;
}

function notes(job: JobLike): string {
  const list = job.params.notes ?? [];
  return list.length ? `\n-# ${list.join('\n-# ')}` : '';
}

/** "40 s", "3 min", "1 h 5 min". */
export function formatDuration(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 90) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 90) return `${min} min`;
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}

function button(action: ButtonAction, jobId: number, label: string, style: ButtonStyle, index?: number, emoji?: string) {
  const b = new ButtonBuilder().setCustomId(encodeCustomId({ action, jobId, index })).setLabel(label).setStyle(style);
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

function cancelRow(job: JobLike) {
  return rows([button('cancel', job.id, 'Cancel', ButtonStyle.Secondary)]);
}

/** Waiting: place in the queue and the estimated start (a Discord timestamp that counts down by itself). */
export function queuedView(job: JobLike, e: { position: number; etaMs: number; now: number; recovered?: { wasRunning: boolean } | undefined }): MessageView {
  const when = e.etaMs < 1000 ? 'starting now' : `starts in about ${formatDuration(e.etaMs)} (<t:${Math.round((e.now + e.etaMs) / 1000)}:R>)`;
  const back = e.recovered ? `\n${restartNote(e.recovered)}` : '';
  return view(`${headline(job)}\n⏳ Waiting in the queue: **#${e.position}**, ${when}${back}${notes(job)}`, { components: cancelRow(job) });
}

/** Said while a job waits or runs again after a restart of the bot. */
export function restartNote(r: { wasRunning: boolean }): string {
  return `🔁 The bot restarted${r.wasRunning ? ' while making this' : ''}; your job kept its place.`;
}

export function startedView(job: JobLike, e: { recovered?: { wasRunning: boolean } | undefined } = {}): MessageView {
  const back = e.recovered ? `\n${restartNote(e.recovered)}` : '';
  return view(`${headline(job)}\n🎨 Starting…${back}${notes(job)}`, { components: cancelRow(job) });
}

/** Running: step and percentage, with the pipeline's small preview when it sent one. */
export function progressView(job: JobLike, e: { step: number; totalSteps: number; preview?: Uint8Array | undefined;
  recovered?: { wasRunning: boolean } | undefined }): MessageView {
  const pct = Math.round((100 * e.step) / Math.max(1, e.totalSteps));
  const files = e.preview && e.preview.byteLength > 0
    ? [new AttachmentBuilder(Buffer.from(e.preview.buffer, e.preview.byteOffset, e.preview.byteLength), { name: 'preview.png', description: 'Work in progress' })
        .setSpoiler(!!job.params.spoiler)]
    : [];
  const back = e.recovered ? `\n${restartNote(e.recovered)}` : '';
  return view(`${headline(job)}\n🎨 Painting: step ${e.step} of ${e.totalSteps} (${pct}%)${back}${notes(job)}`, { components: cancelRow(job), files });
}

/** The bot is shutting down mid-job: it keeps its place for the next start. */
export function interruptedView(job: JobLike): MessageView {
  return view(`${headline(job)}\n⏸️ The bot is restarting; this job keeps its place and continues when it is back.${notes(job)}`,
    { components: cancelRow(job) });
}

export function failedView(job: JobLike, error: string): MessageView {
  return view(`${headline(job)}\n❌ ${error}`);
}

export function cancelledView(job: JobLike, e: { byModerator: boolean; reason: string | null }): MessageView {
  const who = e.byModerator ? 'by a moderator' : 'at your request';
  return view(`${headline(job)}\n🚫 Cancelled ${who}${e.reason ? ` (${escapeMarkdown(e.reason)})` : ''}. Nothing was charged.`);
}

/** One line of what made the images: seed(s), size, steps, guidance, model. */
export function paramsLine(job: JobLike, imageCount: number): string {
  const p = job.params;
  const seeds = imageCount > 1 ? `seeds ${p.seed}–${(p.seed + imageCount - 1) >>> 0}` : `seed ${p.seed}`;
  return `${seeds} · ${p.width}×${p.height} · ${p.steps} steps · guidance ${p.guidanceScale} · ${job.model}`;
}

/** The buttons under a result: U/V per image and reroll on a grid; Vary subtle/strong on a single image. */
export function resultButtons(job: JobLike, imageCount: number): ActionRowBuilder<MessageActionRowComponentBuilder>[] {
  const id = job.id;
  const tail = [
    button('reroll', id, 'Reroll', ButtonStyle.Secondary, undefined, '🔄'),
    button('info', id, 'Info', ButtonStyle.Secondary, undefined, 'ℹ️'),
    button('delete', id, 'Delete', ButtonStyle.Danger, undefined, '🗑️'),
  ];
  if (imageCount <= 1) {
    return rows([
      button('subtle', id, 'Vary (Subtle)', ButtonStyle.Primary, 0, '🪄'),
      button('strong', id, 'Vary (Strong)', ButtonStyle.Primary, 0, '🪄'),
      ...tail,
    ]);
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
export function resultView(job: JobLike, e: { file: ResultFile; imageCount: number; note?: string | undefined }): MessageView {
  const file = new AttachmentBuilder(e.file.data, { name: e.file.name, ...(e.file.description && { description: e.file.description }) })
    .setSpoiler(!!job.params.spoiler);
  const extra = e.note ? `\n-# ${e.note}` : '';
  return view(`${headline(job)}\n-# ${paramsLine(job, e.imageCount)}${notes(job)}${extra}`,
    { components: resultButtons(job, e.imageCount), files: [file] });
}

/** Everything about a job, for the clicker only. */
export function infoEmbed(job: Job, extra: { seeds: number[]; parentUrl?: string | undefined } = { seeds: [] }): APIEmbed {
  const p = job.params;
  const fields: { name: string; value: string; inline?: boolean }[] = [
    { name: 'Prompt', value: p.prompt ? `\`\`\`\n${p.prompt.slice(0, 1000).replace(/```/g, "'''")}\n\`\`\`` : '*(none)*' },
  ];
  if (p.negativePrompt) fields.push({ name: 'Negative prompt', value: `\`\`\`\n${p.negativePrompt.slice(0, 1000).replace(/```/g, "'''")}\n\`\`\`` });
  const seeds = extra.seeds.length ? extra.seeds.join(', ') : String(p.seed);
  fields.push(
    { name: 'Seed', value: seeds, inline: true },
    { name: 'Size', value: `${p.width}×${p.height}${p.aspect ? ` (${p.aspect})` : ''}`, inline: true },
    { name: 'Steps', value: String(p.steps), inline: true },
    { name: 'Guidance', value: String(p.guidanceScale), inline: true },
    { name: 'Images', value: String(p.count), inline: true },
    { name: 'Model', value: escapeMarkdown(job.model), inline: true },
  );
  if (p.scheduler) fields.push({ name: 'Scheduler', value: schedulerLabels[p.scheduler], inline: true });
  if (p.strength !== undefined) fields.push({ name: 'Strength', value: String(p.strength), inline: true });
  if (p.parentJobId !== undefined) {
    fields.push({ name: 'Made from', value: `job #${p.parentJobId}${p.sourceIndex !== undefined ? `, image ${p.sourceIndex + 1}` : ''}`, inline: true });
  }
  const timing = [job.waitMs !== null ? `waited ${formatDuration(job.waitMs)}` : '', job.runMs !== null ? `ran ${formatDuration(job.runMs)}` : '']
    .filter(Boolean).join(', ');
  fields.push({ name: 'Job', value: `#${job.id} · ${job.kind} · ${job.state}${timing ? ` · ${timing}` : ''}`, inline: false });
  return new EmbedBuilder().setTitle('How these images were made').addFields(fields).setColor(0x5865f2).toJSON();
}
