import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../../src/db/database.ts';
import { DatabaseVersionError, migrationsDir, readMigrations, schemaVersion } from '../../src/db/migrate.ts';
import { createStores } from '../../src/db/stores.ts';
import { tempDir, testOptions } from './helpers.ts';

const latest = readMigrations().length;

const tables = (db: BetterSqlite3.Database) =>
  (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string }[]
  ).map((r) => r.name);

test('migrations are numbered 0001.. without gaps, and there is more than one', () => {
  const m = readMigrations();
  assert.ok(m.length >= 3);
  m.forEach((x, i) => assert.equal(x.version, i + 1));
  assert.equal(m[0]?.name, '0001_init.sql');
});

test('from empty: every migration applies, pragmas are set, the parent folder is created', () => {
  const path = join(tempDir(), 'nested', 'deeper', 'atelier.db');
  const db = openDatabase(path);
  try {
    assert.equal(schemaVersion(db.sqlite), latest);
    assert.deepEqual(
      tables(db.sqlite),
      [
        'blocklist',
        'bans',
        'job_image_files',
        'job_images',
        'job_input_files',
        'job_masks',
        'job_state_counts',
        'job_uploads',
        'jobs',
        'limit_overrides',
        'mod_audit',
        'pending_prompts',
        'quota_reservations',
        'usage_log',
        'user_settings',
      ].sort(),
    );
    assert.equal(db.sqlite.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.sqlite.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(db.sqlite.pragma('synchronous', { simple: true }), 1); // NORMAL
    assert.equal(db.sqlite.pragma('busy_timeout', { simple: true }), 5000);
    assert.deepEqual(db.sqlite.pragma('integrity_check', { simple: true }), 'ok');
  } finally {
    db.close();
  }
  // Opening again applies nothing and keeps the version.
  const again = openDatabase(path);
  assert.equal(schemaVersion(again.sqlite), latest);
  again.close();
});

test(':memory: works without WAL', () => {
  const db = openDatabase(':memory:');
  assert.equal(schemaVersion(db.sqlite), latest);
  assert.equal(db.sqlite.pragma('journal_mode', { simple: true }), 'memory');
  assert.equal(db.sqlite.pragma('foreign_keys', { simple: true }), 1);
  db.close();
});

/** Rows written with the schema of each version, in raw SQL as that version's code would have. */
const fixtures: Record<number, (db: BetterSqlite3.Database) => void> = {
  1: (db) => {
    db.prepare(`INSERT INTO jobs (id, state, kind, user_id, guild_id, channel_id, model, params, seed, width, height,
      steps, count, queued_at, started_at, finished_at, wait_ms, run_ms, attempts, image_count)
      VALUES (1, 'done', 'imagine', 'u1', 'g1', 'c1', 'sd-turbo', ?, 7, 512, 512, 1, 1, 1000, 1500, 3500, 500, 2000, 1, 1)`).run(
      JSON.stringify({
        kind: 'imagine',
        prompt: 'old "fox" 🦊',
        width: 512,
        height: 512,
        steps: 1,
        guidanceScale: 0,
        seed: 7,
        count: 1,
      }),
    );
    db.prepare('INSERT INTO job_images (job_id, idx, seed, width, height, png) VALUES (1, 0, 7, 512, 512, ?)').run(
      Buffer.from([137, 80, 78, 71]),
    );
    db.prepare(`INSERT INTO usage_log (at, user_id, guild_id, channel_id, kind, prompt, images, decision, job_id, outcome, image_count)
      VALUES (1000, 'u1', 'g1', 'c1', 'imagine', 'old "fox" 🦊', 1, 'accepted', 1, 'done', 1)`).run();
  },
  2: (db) => {
    db.prepare(`INSERT INTO limit_overrides (guild_id, scope, target_id, key, value, updated_at, updated_by)
      VALUES ('g1', 'user', 'u1', 'userImagesPerDay', '7', 1000, 'mod')`).run();
    db.prepare(
      "INSERT INTO quota_reservations (id, user_id, guild_id, images, created_at) VALUES (1, 'u1', 'g1', 1, 1000)",
    ).run();
    db.prepare('UPDATE jobs SET reservation_id = 1 WHERE id = 1').run();
  },
  3: (db) => {
    db.prepare(
      `INSERT INTO bans (guild_id, user_id, reason, moderator_id, created_at) VALUES ('g1', 'u9', 'spam', 'mod', 1000)`,
    ).run();
    db.prepare(
      `INSERT INTO blocklist (guild_id, pattern, added_by, added_at) VALUES ('g1', 'kraken', 'mod', 1000)`,
    ).run();
    db.prepare(`INSERT INTO mod_audit (at, guild_id, moderator_id, action) VALUES (1000, 'g1', 'mod', 'ban')`).run();
    db.prepare(
      `INSERT INTO user_settings (user_id, aspect_ratio, steps, spoiler, updated_at) VALUES ('u1', '3:2', 30, 1, 1000)`,
    ).run();
  },
  4: (db) => {
    db.prepare('INSERT INTO job_masks (job_id, bytes) VALUES (1, ?)').run(Buffer.from([137, 80, 78, 71, 4]));
  },
  5: (db) => {
    // From here on images are files; a second image of job 1 whose file went missing keeps its reference.
    db.prepare(`INSERT INTO job_image_files (job_id, idx, seed, width, height, sha256, bytes)
      VALUES (1, 1, 8, 512, 512, ?, 5)`).run('ab'.repeat(32));
  },
  6: (db) => {
    db.prepare("UPDATE user_settings SET remix = 1 WHERE user_id = 'u1'").run();
  },
  7: (db) => {
    db.prepare("UPDATE jobs SET error = 'kept' WHERE id = 1").run();
  },
  8: (db) => {
    db.prepare(`INSERT INTO pending_prompts (user_id, guild_id, channel_id, proposals, created_at)
      VALUES ('u1', 'g1', 'c1', '[]', 1000)`).run();
  },
  9: (db) => {
    // From here on uploads and masks are files too.
    db.prepare(`INSERT INTO job_input_files (job_id, role, sha256, bytes) VALUES (1, 'init', ?, 5)`).run(
      'cd'.repeat(32),
    );
  },
  10: () => {
    // Only counts (job_state_counts, kept by triggers): the upgrade test compares them with the table.
  },
  11: (db) => {
    db.prepare(`UPDATE jobs SET run_with = '1' WHERE id = 1`).run();
  },
};

test('the fixtures cover every version', () => {
  for (let v = 1; v <= latest; v++) assert.ok(fixtures[v], `add a fixture for migration ${v} to this test`);
});

for (let from = 0; from < latest; from++) {
  test(`from version ${from}: upgrades in place and keeps the rows`, async () => {
    const path = join(tempDir(), 'atelier.db');
    const old = openDatabase(path, { targetVersion: from });
    assert.equal(schemaVersion(old.sqlite), from);
    for (let v = 1; v <= from; v++) fixtures[v]?.(old.sqlite);
    old.close();

    const db = openDatabase(path, { clock: () => 5000 });
    try {
      assert.equal(schemaVersion(db.sqlite), latest);
      const s = createStores(db, testOptions);
      // The start-up move of images (before 0005), uploads and masks (before 0009) kept inside the database into files.
      assert.deepEqual(await s.jobs.moveStoredFiles(), {
        images: from >= 1 ? 1 : 0,
        inputs: from >= 4 ? 1 : 0,
        bytes: (from >= 1 ? 4 : 0) + (from >= 4 ? 5 : 0),
      });
      assert.equal(db.sqlite.prepare('SELECT count(*) FROM job_images').pluck().get(), 0);
      assert.equal(db.sqlite.prepare('SELECT count(*) FROM job_masks').pluck().get(), 0);
      if (from >= 1) {
        const job = s.jobs.get(1);
        assert.equal(job?.state, 'done');
        assert.equal(job?.params.prompt, 'old "fox" 🦊');
        assert.deepEqual([...(s.jobs.image(1, 0)?.png ?? [])], [137, 80, 78, 71]);
        assert.equal(s.usage.totals({ since: 0, until: 10_000 }).imagesMade, 1);
        assert.equal(job?.reservationId, from >= 2 ? 1 : null);
        // New jobs continue after the old ids.
        const next = s.jobs.create({
          userId: 'u2',
          guildId: null,
          model: 'm',
          params: {
            kind: 'imagine',
            prompt: 'p',
            width: 64,
            height: 64,
            steps: 1,
            guidanceScale: 0,
            seed: 1,
            count: 1,
          },
        });
        assert.equal(next.id, 2);
      } else {
        assert.equal(s.jobs.get(1), undefined);
      }
      if (from >= 2) {
        assert.equal(s.limits.resolve({ guildId: 'g1', userId: 'u1', roleIds: [] }).values.userImagesPerDay, 7);
      }
      if (from >= 3) {
        assert.equal(s.moderation.activeBan('g1', 'u9')?.reason, 'spam');
        assert.deepEqual(
          s.moderation.blocklist('g1').map((e) => e.pattern),
          ['kraken'],
        );
        assert.equal(s.settings.get('u1').aspectRatio, '3:2');
        assert.equal(s.settings.get('u1').remix, from >= 6, 'remix is off for settings saved before 0006');
        assert.equal(s.audit.list({ guildId: 'g1' }).length, 1);
      }
      if (from >= 4) assert.deepEqual([...(s.jobs.mask(1) ?? [])], [137, 80, 78, 71, 4]);
      if (from >= 1) assert.equal(s.jobs.get(1)?.kind, 'imagine');
      // The jobs of a job's last run (0011): none for rows from before it.
      if (from >= 1) assert.deepEqual(s.jobs.get(1)?.runWith, null);
      if (from >= 5)
        assert.deepEqual(
          s.jobs.images(1).map((i) => i.idx),
          [0, 1],
        );
      // The jobs per state (metrics, 0010) agree with a count of the table, old rows and new.
      const counted = db.sqlite.prepare('SELECT state, count(*) AS n FROM jobs GROUP BY state').all() as {
        state: string;
        n: number;
      }[];
      const kept = s.jobs.stateCounts();
      assert.deepEqual(Object.keys(kept).sort(), ['cancelled', 'done', 'failed', 'queued', 'running']);
      for (const [state, n] of Object.entries(kept))
        assert.equal(n, counted.find((c) => c.state === state)?.n ?? 0, state);
    } finally {
      db.close();
    }
  });
}

test('a database from the future is refused with a clear message and left untouched', () => {
  const path = join(tempDir(), 'atelier.db');
  const raw = new BetterSqlite3(path);
  raw.pragma(`user_version = ${latest + 2}`);
  raw.exec('CREATE TABLE from_the_future (x)');
  raw.close();
  assert.throws(
    () => openDatabase(path),
    (err: unknown) => {
      assert.ok(err instanceof DatabaseVersionError);
      assert.match(err.message, new RegExp(`schema version ${latest + 2}\\b`));
      assert.match(err.message, new RegExp(`up to ${latest}\\b`));
      assert.match(err.message, /upgrade Atelier or restore a backup/);
      return true;
    },
  );
  const check = new BetterSqlite3(path);
  assert.equal(check.pragma('user_version', { simple: true }), latest + 2);
  assert.deepEqual(tables(check), ['from_the_future']);
  check.close();
});

test('a failing migration rolls back whole and names its file', () => {
  const dir = join(tempDir(), 'migrations');
  mkdirSync(dir);
  copyFileSync(join(migrationsDir, '0001_init.sql'), join(dir, '0001_init.sql'));
  writeFileSync(join(dir, '0002_broken.sql'), 'CREATE TABLE half_done (x);\nINSERT INTO no_such_table VALUES (1);\n');
  const path = join(tempDir(), 'atelier.db');
  assert.throws(
    () => openDatabase(path, { migrationsDir: dir }),
    /0002_broken\.sql failed and was rolled back \(the database stays at version 1\)/,
  );
  const check = new BetterSqlite3(path);
  assert.equal(check.pragma('user_version', { simple: true }), 1);
  assert.ok(!tables(check).includes('half_done'));
  assert.ok(tables(check).includes('jobs'));
  check.close();
});

test('migration files with gaps or bad names are refused', () => {
  const gap = join(tempDir(), 'gap');
  mkdirSync(gap);
  writeFileSync(join(gap, '0001_a.sql'), 'SELECT 1;');
  writeFileSync(join(gap, '0003_c.sql'), 'SELECT 1;');
  assert.throws(() => readMigrations(gap), /0003_c\.sql should be number 0002/);
  const bad = join(tempDir(), 'bad');
  mkdirSync(bad);
  writeFileSync(join(bad, 'init.sql'), 'SELECT 1;');
  assert.throws(() => readMigrations(bad), /must be named like 0001_init\.sql/);
});

test('a file that is not a database gets a clear message', () => {
  const path = join(tempDir(), 'atelier.db');
  writeFileSync(path, 'this is a text file, not a database, and it is long enough to have a header'.repeat(10));
  assert.throws(() => openDatabase(path), /is not an SQLite database/);
});

/** An edit as the code before 0007 stored it: kind 'variation' in the row, 'edit' in its request. */
function editParams(seed: number) {
  return JSON.stringify({
    kind: 'edit',
    prompt: 'a yellow star',
    width: 64,
    height: 64,
    steps: 4,
    guidanceScale: 0,
    seed,
    count: 1,
    parentJobId: 1,
    sourceIndex: 0,
    edit: { kind: 'region', region: 'left' },
  });
}

test('0007: edits stored as variations at version 6 get kind edit; rows, references, indexes and ids are kept', async () => {
  const path = join(tempDir(), 'atelier.db');
  const old = openDatabase(path, { targetVersion: 6 });
  const raw = old.sqlite;
  for (let v = 1; v <= 6; v++) fixtures[v]?.(raw);
  const insert = raw.prepare(`INSERT INTO jobs (id, state, kind, user_id, guild_id, model, params, seed, width, height,
    steps, count, parent_job_id, source_index, queued_at) VALUES (?, 'done', ?, 'u1', 'g1', 'demo', ?, ?, 64, 64, 4, 1,
    ?, 0, 2000)`);
  insert.run(2, 'variation', editParams(2), 2, 1);
  insert.run(3, 'variation', editParams(3), 3, 2); // an edit of an edit
  insert.run(4, 'variation', editParams(4), 4, 1); // deleted below: the counter must not go back to 3
  raw.prepare('INSERT INTO job_masks (job_id, bytes) VALUES (2, ?)').run(Buffer.from([1, 2, 3]));
  raw
    .prepare(`INSERT INTO job_image_files (job_id, idx, seed, width, height, sha256, bytes)
      VALUES (2, 0, 2, 64, 64, ?, 9)`)
    .run('cd'.repeat(32));
  raw
    .prepare(`INSERT INTO usage_log (at, user_id, kind, images, decision, job_id) VALUES (2000, 'u1', 'region', 1,
    'accepted', 2)`)
    .run();
  raw.prepare('DELETE FROM jobs WHERE id = 4').run();
  const indexesBefore = raw
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'jobs' ORDER BY name")
    .all();
  // The old constraint: 'edit' could not be stored.
  assert.throws(() => raw.prepare("UPDATE jobs SET kind = 'edit' WHERE id = 2").run(), /CHECK constraint/);
  old.close();

  const db = openDatabase(path, { clock: () => 5000 });
  try {
    assert.equal(schemaVersion(db.sqlite), latest);
    assert.equal(db.sqlite.pragma('foreign_keys', { simple: true }), 1, 'foreign keys are back on');
    assert.deepEqual(db.sqlite.pragma('foreign_key_check'), []);
    assert.equal(db.sqlite.pragma('integrity_check', { simple: true }), 'ok');
    const s = createStores(db, testOptions);
    // The row-mapping place reads the exact kind.
    assert.equal(s.jobs.get(1)?.kind, 'imagine');
    assert.equal(s.jobs.get(2)?.kind, 'edit');
    assert.equal(s.jobs.get(3)?.kind, 'edit');
    assert.equal(db.sqlite.prepare("SELECT count(*) FROM jobs WHERE kind = 'edit'").pluck().get(), 2);
    // Nothing that referenced a job was cascaded away by the rebuild (the mask: moved into a file at start, 0009).
    const { inputs, bytes } = await s.jobs.moveStoredFiles();
    assert.deepEqual([inputs, bytes], [2, 4 + 5 + 3]); // job 1's image (fixture 1), its mask (fixture 4) and job 2's
    assert.deepEqual([...(s.jobs.mask(2) ?? [])], [1, 2, 3]);
    assert.deepEqual(
      s.jobs.images(2).map((i) => i.sha256),
      ['cd'.repeat(32)],
    );
    assert.equal(db.sqlite.prepare('SELECT job_id FROM usage_log WHERE kind = ?').pluck().get('region'), 2);
    assert.equal(db.sqlite.prepare('SELECT parent_job_id FROM jobs WHERE id = 3').pluck().get(), 2);
    assert.equal(s.jobs.get(1)?.reservationId, 1);
    // The same indexes, with the same definitions.
    assert.deepEqual(
      db.sqlite
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'jobs' ORDER BY name")
        .all(),
      indexesBefore,
    );
    // Foreign keys still act on the new table: deleting a job cascades to its mask and nulls its children's parent.
    db.sqlite.prepare('DELETE FROM jobs WHERE id = 2').run();
    assert.equal(s.jobs.mask(2), undefined);
    assert.equal(db.sqlite.prepare('SELECT parent_job_id FROM jobs WHERE id = 3').pluck().get(), null);
    assert.throws(
      () => db.sqlite.prepare('UPDATE jobs SET parent_job_id = 999 WHERE id = 3').run(),
      /FOREIGN KEY constraint/,
    );
    // A new edit is stored as one, and ids continue after the largest ever given (4, since deleted).
    const next = s.jobs.create({ userId: 'u2', guildId: null, model: 'demo', params: JSON.parse(editParams(9)) });
    assert.equal(next.kind, 'edit');
    assert.equal(next.id, 5);
  } finally {
    db.close();
  }
});
