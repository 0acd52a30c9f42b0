/**
 * Prompts waiting for their author's decision: a prompt that makes several jobs (permutations, --repeat) asks first
 * (src/discord/prompt-confirm.ts). The jobs it would start are kept as their requests; taking one is a single
 * UPDATE, so two clicks cannot both start them. Rows older than a day are dropped when new ones are written.
 */
import { z } from 'zod';
import type { Database } from './database.ts';
import { fromJson } from './common.ts';
import { jobRequestSchema, type JobRequest } from '../request/request.ts';

/** One job the prompt would start: its request and what the usage log calls it. */
export interface PendingJob {
  usageKind: string;
  params: JobRequest;
  /** The installed model chosen for it (/imagine model:); absent: the bot's default. */
  model?: string | undefined;
}

export interface PendingPrompt {
  id: number;
  userId: string;
  guildId: string | null;
  channelId: string | null;
  jobs: PendingJob[];
  createdAt: number;
}

const pendingJobsSchema = z.array(
  z.object({ usageKind: z.string().max(64), params: jobRequestSchema, model: z.string().max(200).optional() }),
);

interface PendingRow {
  id: number;
  user_id: string;
  guild_id: string | null;
  channel_id: string | null;
  proposals: string;
  created_at: number;
}

function toPending(r: PendingRow): PendingPrompt {
  const jobs = pendingJobsSchema.safeParse(fromJson(r.proposals));
  if (!jobs.success) throw new TypeError(`pending_prompts row ${r.id}: ${z.prettifyError(jobs.error)}`);
  return {
    id: r.id,
    userId: r.user_id,
    guildId: r.guild_id,
    channelId: r.channel_id,
    jobs: jobs.data,
    createdAt: r.created_at,
  };
}

const DAY_MS = 86_400_000;

export type PendingPromptStore = ReturnType<typeof createPendingPromptStore>;

export function createPendingPromptStore(database: Database) {
  const { sqlite: db, clock } = database;
  const s = {
    insert: db.prepare(`INSERT INTO pending_prompts (user_id, guild_id, channel_id, proposals, created_at)
      VALUES (@userId, @guildId, @channelId, @proposals, @at) RETURNING id`),
    prune: db.prepare('DELETE FROM pending_prompts WHERE created_at < ?'),
    take: db.prepare(`UPDATE pending_prompts SET decided_at = @at, decision = @decision
      WHERE id = @id AND user_id = @userId AND decided_at IS NULL AND created_at >= @since
      RETURNING id, user_id, guild_id, channel_id, proposals, created_at`),
  };
  const create = db.transaction((input: Omit<PendingPrompt, 'id' | 'createdAt'>, at: number): number => {
    s.prune.run(at - DAY_MS);
    const row = s.insert.get({
      userId: input.userId,
      guildId: input.guildId,
      channelId: input.channelId,
      proposals: JSON.stringify(input.jobs),
      at,
    }) as { id: number };
    return row.id;
  });
  return {
    /** Keeps the jobs a prompt would start; returns the id its buttons carry. */
    create(input: Omit<PendingPrompt, 'id' | 'createdAt'>, at = clock()): number {
      return create(input, at);
    },
    /**
     * The author's decision, once: the prompt when `userId` wrote it, it is undecided and younger than `maxAgeMs`;
     * undefined otherwise (already run or cancelled, someone else's, too old, unknown).
     */
    take(
      id: number,
      userId: string,
      decision: 'run' | 'cancel',
      maxAgeMs: number,
      at = clock(),
    ): PendingPrompt | undefined {
      const row = s.take.get({ id, userId, decision, at, since: at - maxAgeMs }) as PendingRow | undefined;
      return row && toPending(row);
    },
  };
}
