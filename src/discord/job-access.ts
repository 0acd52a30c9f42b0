/**
 * The one door from an interaction to a job. A job belongs to the server it was made in, or, when made in a direct
 * message, to that DM. Every lookup of a job named by an interaction (a button's custom_id, a message's buttons for
 * "Vary this image", `/queue remove`, the edit buttons) goes through jobHere() or requireJobHere(), so a crafted
 * custom_id or another bot's message naming a job elsewhere finds nothing, exactly as an unknown job does: the answer
 * reveals neither that the job exists nor where.
 */
import type { Job } from '../db/jobs.ts';
import { userError } from '../i18n/index.ts';
import type { AppContext } from './context.ts';

/** Where an interaction happened. A discord.js interaction fits as it is (guildId, channelId, user.id). */
export interface InteractionPlace {
  guildId: string | null;
  channelId: string | null;
  user: { id: string };
}

/** Whether `job` belongs where the interaction happened: the same server, or the same DM (its channel, else its owner). */
export function belongsHere(job: Pick<Job, 'guildId' | 'channelId' | 'userId'>, place: InteractionPlace): boolean {
  if (place.guildId !== null) return job.guildId === place.guildId;
  if (job.guildId !== null) return false;
  if (job.channelId !== null && place.channelId !== null) return job.channelId === place.channelId;
  return job.userId === place.user.id;
}

/** The job `jobId` when it exists and belongs where the interaction happened; undefined otherwise (either way). */
export function jobHere(ctx: Pick<AppContext, 'stores'>, place: InteractionPlace, jobId: number): Job | undefined {
  const job = ctx.stores.jobs.get(jobId);
  return job && belongsHere(job, place) ? job : undefined;
}

/**
 * The job `jobId` for an interaction, or a private explanation: unknown (also when it belongs elsewhere) or deleted.
 * Codes: 'unknown-job', 'deleted-job'.
 */
export function requireJobHere(ctx: Pick<AppContext, 'stores'>, place: InteractionPlace, jobId: number): Job {
  const job = jobHere(ctx, place, jobId);
  if (!job) {
    throw userError('unknown-job', 'button.unknownJob', { job: jobId });
  }
  if (job.deleted) throw userError('deleted-job', 'button.deletedJob');
  return job;
}
