/**
 * `npm run bench -- db [--rows 100000] [--samples 5000]`: seeds a temporary file database with N finished jobs and
 * their usage rows (30 days, 20 guilds, 2,000 users), then prints JSON: the limit check + reservation time (median
 * and p99; target median < 1 ms), the write cost per job (create, transitions, usage log; with and without result
 * images), the /usage queries, a /metrics scrape's jobs per state, and the database size.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/database.ts';
import { createStores } from '../db/stores.ts';
import type { StoredImage } from '../db/jobs.ts';
import type { JobRequest } from '../request/request.ts';

const DAY = 86_400_000;

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}
const us = (ms: number) => Math.round(ms * 1000) / 1000;
function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    medianMs: us(percentile(sorted, 50)),
    p99Ms: us(percentile(sorted, 99)),
    maxMs: us(sorted.at(-1) ?? NaN),
    n: samples.length,
  };
}
function time<T>(fn: () => T): [T, number] {
  const t = process.hrtime.bigint();
  const r = fn();
  return [r, Number(process.hrtime.bigint() - t) / 1e6];
}

/** A small deterministic generator, so runs are comparable. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const sizes = [
  [512, 512],
  [768, 512],
  [512, 768],
  [1024, 1024],
] as const;

export default async function bench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { rows: { type: 'string', default: '100000' }, samples: { type: 'string', default: '5000' } },
  });
  const rows = Number(values.rows);
  const samples = Number(values.samples);
  const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-db-'));
  const path = join(dir, 'atelier.db');
  const end = Date.UTC(2026, 0, 31);
  let now = end - 30 * DAY;
  const db = openDatabase(path, { clock: () => now });
  const s = createStores(db, {
    ceilings: { maxSteps: 50, maxWidth: 1024, maxHeight: 1024, maxImagesPerRequest: 4 },
    maxWaiting: 200,
  });
  const dbBytes = (): number => {
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return statSync(path).size;
  };
  const random = rng(1);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const users = Array.from({ length: 2000 }, (_, i) => `1000000000000${String(i).padStart(5, '0')}`);
  const guilds = Array.from({ length: 20 }, (_, i) => `2000000000000${String(i).padStart(5, '0')}`);
  const params = (): JobRequest => {
    const [width, height] = pick(sizes);
    const kind = pick(['imagine', 'imagine', 'imagine', 'variation', 'upscale', 'reroll'] as const);
    return {
      kind,
      prompt: 'a watercolor fox in a snowy forest, morning light, highly detailed',
      width,
      height,
      steps: pick([4, 20, 30]),
      guidanceScale: 7.5,
      seed: Math.floor(random() * 2 ** 32),
      count: pick([1, 4, 4]),
      ...(kind !== 'imagine' && { parentJobId: 1, sourceIndex: 0 }),
    } as JobRequest;
  };

  try {
    // Moderation state a real guild would have: overrides for roles and users, a few bans.
    for (const g of guilds) {
      s.limits.set({ guildId: g, scope: 'guild', key: 'userImagesPerDay', value: 200, moderatorId: 'mod' });
      s.limits.set({ guildId: g, scope: 'guild', key: 'guildImagesPerDay', value: 100_000, moderatorId: 'mod' });
      s.limits.set({
        guildId: g,
        scope: 'role',
        targetId: `${g}-supporter`,
        key: 'userImagesPerDay',
        value: 1000,
        moderatorId: 'mod',
      });
      for (let i = 0; i < 20; i++)
        s.limits.set({
          guildId: g,
          scope: 'user',
          targetId: pick(users),
          key: 'userMaxQueued',
          value: 10,
          moderatorId: 'mod',
        });
      for (let i = 0; i < 5; i++)
        s.moderation.ban({ guildId: g, userId: pick(users), moderatorId: 'mod', reason: 'bench' });
    }

    /** A job admitted as the bot admits one: its quota reserved, its row created, its acceptance logged. */
    const admit = (userId: string, guildId: string, p: ReturnType<typeof params>, reserveImages: number) => {
      const r = s.quota.reserve({ userId, guildId, roleIds: [], images: reserveImages, now });
      const job = s.jobs.create({
        userId,
        guildId,
        channelId: guildId,
        model: 'sd-turbo',
        params: p,
        reservationId: r.ok ? r.reservationId : null,
      });
      s.usage.log({
        userId,
        guildId,
        channelId: guildId,
        kind: p.kind,
        prompt: p.prompt,
        params: p,
        seed: p.seed,
        model: 'sd-turbo',
        images: p.count,
        decision: 'accepted',
        jobId: job.id,
      });
      return job;
    };

    // Seed: each job reserved, created, logged, run and finished, as the bot would, in batches of 1,000 per transaction.
    const seedStart = performance.now();
    const step = (30 * DAY) / rows;
    const seedBatch = db.sqlite.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        now = end - 30 * DAY + Math.floor(i * step);
        const userId = pick(users);
        const guildId = pick(guilds);
        const p = params();
        const job = admit(userId, guildId, p, p.count);
        s.jobs.markRunning(job.id, now + 100);
        const outcome = random();
        if (outcome < 0.95) s.jobs.markDone(job.id, [], now + 2100);
        else if (outcome < 0.98) s.jobs.markFailed(job.id, 'bench failure', now + 600);
        else s.jobs.markCancelled(job.id, null, now + 300);
        if (i % 10 === 0) {
          s.usage.log({
            userId,
            guildId,
            channelId: guildId,
            kind: 'imagine',
            prompt: p.prompt,
            images: p.count,
            decision: 'refused',
            reasonCode: 'cooldown',
            reason: 'bench refusal',
          });
        }
      }
    });
    for (let i = 0; i < rows; i += 1000) seedBatch(i, Math.min(rows, i + 1000));
    const seedMs = performance.now() - seedStart;
    now = end;
    db.sqlite.pragma('optimize');

    // The limit check + reservation, as /imagine does it: accepted (then refunded, to keep the state steady).
    const accepted: number[] = [];
    const refused: number[] = [];
    for (let i = 0; i < samples; i++) {
      const q = {
        userId: pick(users),
        guildId: pick(guilds),
        roleIds: [`r${i % 7}`, `${pick(guilds)}-supporter`],
        images: 4,
        now,
      };
      const [r, ms] = time(() => s.quota.reserve(q));
      (r.ok ? accepted : refused).push(ms);
      if (r.ok) s.quota.refund(r.reservationId, now);
    }
    // A refused path that computes a retry time: a user at their daily limit.
    s.limits.set({
      guildId: guilds[0]!,
      scope: 'user',
      targetId: 'heavy',
      key: 'userImagesPerDay',
      value: 40,
      moderatorId: 'mod',
    });
    s.limits.set({
      guildId: guilds[0]!,
      scope: 'user',
      targetId: 'heavy',
      key: 'userMaxQueued',
      value: null,
      moderatorId: 'mod',
    });
    for (let i = 0; i < 10; i++)
      s.quota.reserve({ userId: 'heavy', guildId: guilds[0]!, roleIds: [], images: 4, now: now - 3_600_000 + i });
    const atLimit: number[] = [];
    for (let i = 0; i < Math.min(samples, 2000); i++) {
      const [r, ms] = time(() =>
        s.quota.reserve({ userId: 'heavy', guildId: guilds[0]!, roleIds: [], images: 4, now }),
      );
      if (r.ok) throw new Error('bench: expected the heavy user to be refused');
      atLimit.push(ms);
    }
    const resolveOnly: number[] = [];
    for (let i = 0; i < samples; i++)
      resolveOnly.push(
        time(() => s.limits.resolve({ userId: pick(users), guildId: pick(guilds), roleIds: ['a', 'b'] }))[1],
      );

    // Write cost per job, each call in its own transaction as in production.
    const writeJob = (images: StoredImage[]) => {
      const userId = pick(users);
      const guildId = pick(guilds);
      const job = admit(userId, guildId, params(), 1);
      s.jobs.markRunning(job.id, now);
      s.jobs.markDone(job.id, images, now + 1000);
    };
    const writeNoImages: number[] = [];
    for (let i = 0; i < 1000; i++) writeNoImages.push(time(() => writeJob([]))[1]);
    // Four 400 KB incompressible blobs stand in for 512x512 PNGs.
    const blob = () => Uint8Array.from({ length: 400_000 }, () => Math.floor(random() * 256));
    const pngs = [0, 1, 2, 3].map((i) => ({ png: blob(), seed: i, width: 512, height: 512 }));
    // The files are written off the gateway thread (thread pool) before markDone; only the rows are timed here.
    const stored = await s.jobs.storeImages(pngs);
    const writeWithImages: number[] = [];
    const sizeBefore = dbBytes();
    for (let i = 0; i < 50; i++) writeWithImages.push(time(() => writeJob(stored))[1]);
    const bytesPerImageJob = (dbBytes() - sizeBefore) / 50;
    s.jobs.release(stored);
    // The same 50 jobs as versions before 0005 stored them: the PNG bytes inside SQLite (job_images).
    const legacyInsert = db.sqlite.prepare(
      'INSERT INTO job_images (job_id, idx, seed, width, height, png) VALUES (?, ?, ?, 512, 512, ?)',
    );
    const legacyWrite = db.sqlite.transaction((jobId: number) =>
      pngs.forEach((p, idx) => legacyInsert.run(jobId, idx, p.seed, p.png)),
    );
    const legacyIds = db.sqlite.prepare('SELECT id FROM jobs ORDER BY id DESC LIMIT 50').pluck().all() as number[];
    const legacySizeBefore = dbBytes();
    const writeLegacy: number[] = [];
    for (const id of legacyIds) writeLegacy.push(time(() => legacyWrite(id))[1]);
    const legacyBytesPerJob = bytesPerImageJob + (dbBytes() - legacySizeBefore) / 50;
    db.sqlite.prepare('DELETE FROM job_images').run();

    // /usage over 30 days for one guild.
    const period = { since: end - 30 * DAY, until: end + 1, guildId: guilds[3]! };
    const [, totalsMs] = time(() => s.usage.totals(period));
    const [, topMs] = time(() => s.usage.topUsers(period, 10));
    const [, refusalsMs] = time(() => s.usage.refusals(period, 10));
    const [, perDayMs] = time(() => s.usage.imagesPerDay(period));
    const [, everywhereMs] = time(() => s.usage.totals({ since: end - 30 * DAY, until: end + 1 }));
    const [, etaMs] = time(() =>
      s.jobs.estimateRunMs({ model: 'sd-turbo', width: 512, height: 512, steps: 20, count: 4 }),
    );
    const [, recoveryMs] = time(() => s.jobs.listUnfinished());
    // A /metrics scrape's jobs per state: the counts kept by triggers (0010) against counting the table, as before.
    const countTable = db.sqlite.prepare('SELECT state, count(*) AS n FROM jobs GROUP BY state');
    const scrapeKept: number[] = [];
    const scrapeCounted: number[] = [];
    for (let i = 0; i < 50; i++) {
      scrapeCounted.push(time(() => countTable.all())[1]);
      scrapeKept.push(time(() => s.jobs.stateCounts())[1]);
    }

    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const fileBytes = statSync(path).size;
    const jobRows = (db.sqlite.prepare('SELECT count(*) AS n FROM jobs').get() as { n: number }).n;
    const usageRows = (db.sqlite.prepare('SELECT count(*) AS n FROM usage_log').get() as { n: number }).n;
    const imageBytes = (
      db.sqlite.prepare('SELECT coalesce(sum(length(png)), 0) AS n FROM job_images').get() as { n: number }
    ).n;

    console.log(
      JSON.stringify(
        {
          seeded: { jobs: rows, seedSeconds: Math.round(seedMs / 100) / 10, jobRows, usageRows },
          reserve: {
            note: 'limit check + reservation in one IMMEDIATE transaction (target median < 1 ms)',
            accepted: stats(accepted),
            refusedRandom: refused.length ? stats(refused) : null,
            refusedAtDailyLimit: stats(atLimit),
            resolveLimitsOnly: stats(resolveOnly),
          },
          writePerJob: {
            note: 'reserve + jobs.create + usage.log + markRunning + markDone, each its own transaction',
            noImages: stats(writeNoImages),
            fourImages400KB: stats(writeWithImages),
            fourImages400KBInsideSqliteBefore0005: stats(writeLegacy),
          },
          databaseBytesPerFourImageJob: {
            note: 'growth of the database file per job with four 400 KB images, after a checkpoint',
            filesOutside: Math.round(bytesPerImageJob),
            insideSqliteBefore0005: Math.round(legacyBytesPerJob),
            ratio: Math.round((legacyBytesPerJob / Math.max(1, bytesPerImageJob)) * 10) / 10,
          },
          queries: {
            usageTotalsGuildMs: us(totalsMs),
            usageTopUsersMs: us(topMs),
            usageRefusalsMs: us(refusalsMs),
            usageImagesPerDayMs: us(perDayMs),
            usageTotalsEverywhereMs: us(everywhereMs),
            etaMs: us(etaMs),
            listUnfinishedMs: us(recoveryMs),
          },
          metricsJobsPerState: {
            note: 'one /metrics scrape: counts kept by triggers (0010) vs GROUP BY state over the jobs table',
            kept: stats(scrapeKept),
            groupByTable: stats(scrapeCounted),
            ratio:
              Math.round(
                (percentile(
                  scrapeCounted.sort((a, b) => a - b),
                  50,
                ) /
                  Math.max(
                    1e-6,
                    percentile(
                      scrapeKept.sort((a, b) => a - b),
                      50,
                    ),
                  )) *
                  10,
              ) / 10,
          },
          size: {
            fileMB: Math.round(fileBytes / 1e5) / 10,
            imageMB: Math.round(imageBytes / 1e5) / 10,
            bytesPerJobWithoutImages: Math.round((fileBytes - imageBytes) / jobRows),
          },
        },
        null,
        2,
      ),
    );
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
