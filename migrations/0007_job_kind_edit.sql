-- 0007: the jobs table's kind may be 'edit' (region, mask, zoom out, pan, upscale (Subtle/Creative)). 0001's CHECK
-- constraint allowed only imagine, variation, upscale and reroll, so edits were stored as 'variation' (the exact kind
-- was in params only). SQLite cannot change a CHECK constraint in place: this is its documented table rebuild
-- (https://www.sqlite.org/lang_altertable.html#otheralter). migrate() turns foreign keys off around the migrations
-- (so dropping the old table cascades to nothing: job images, uploads, masks, usage rows and children keep their
-- job ids) and runs PRAGMA foreign_key_check afterwards. Every row, id, the AUTOINCREMENT counter and every index
-- are kept; rows of edits get their exact kind back from their stored request.

CREATE TABLE jobs_new (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  state             TEXT    NOT NULL DEFAULT 'queued'
                    CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  kind              TEXT    NOT NULL CHECK (kind IN ('imagine', 'variation', 'upscale', 'reroll', 'edit')),
  user_id           TEXT    NOT NULL,
  guild_id          TEXT,
  channel_id        TEXT,
  model             TEXT    NOT NULL,
  params            TEXT    NOT NULL CHECK (json_valid(params)),
  seed              INTEGER NOT NULL,
  width             INTEGER NOT NULL,
  height            INTEGER NOT NULL,
  steps             INTEGER NOT NULL,
  count             INTEGER NOT NULL,
  parent_job_id     INTEGER REFERENCES jobs (id) ON DELETE SET NULL,
  source_index      INTEGER,
  message_id        TEXT,
  interaction_id    TEXT,
  interaction_token TEXT,
  token_expires_at  INTEGER,
  queued_at         INTEGER NOT NULL,
  started_at        INTEGER,
  finished_at       INTEGER,
  wait_ms           INTEGER,
  run_ms            INTEGER,
  attempts          INTEGER NOT NULL DEFAULT 0,
  image_count       INTEGER,
  error             TEXT,
  deleted           INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  reservation_id    INTEGER REFERENCES quota_reservations (id) ON DELETE SET NULL
);

INSERT INTO jobs_new (id, state, kind, user_id, guild_id, channel_id, model, params, seed, width, height, steps, count,
  parent_job_id, source_index, message_id, interaction_id, interaction_token, token_expires_at, queued_at, started_at,
  finished_at, wait_ms, run_ms, attempts, image_count, error, deleted, reservation_id)
SELECT id, state, CASE WHEN json_extract(params, '$.kind') = 'edit' THEN 'edit' ELSE kind END, user_id, guild_id,
  channel_id, model, params, seed, width, height, steps, count, parent_job_id, source_index, message_id,
  interaction_id, interaction_token, token_expires_at, queued_at, started_at, finished_at, wait_ms, run_ms, attempts,
  image_count, error, deleted, reservation_id
FROM jobs ORDER BY id;

-- Job ids are never reused after pruning: the new table continues from the old counter, not from its largest row.
DELETE FROM sqlite_sequence WHERE name = 'jobs_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'jobs_new', seq FROM sqlite_sequence WHERE name = 'jobs';

DROP TABLE jobs;
ALTER TABLE jobs_new RENAME TO jobs;

-- The indexes of 0001 and 0002, as they were.
CREATE INDEX jobs_unfinished ON jobs (state, id) WHERE state IN ('queued', 'running');
CREATE INDEX jobs_user_unfinished ON jobs (user_id) WHERE state IN ('queued', 'running');
CREATE INDEX jobs_user ON jobs (user_id, id);
CREATE INDEX jobs_eta ON jobs (model, width, height, steps, count, finished_at) WHERE state = 'done';
CREATE INDEX jobs_model_done ON jobs (model, finished_at) WHERE state = 'done';
CREATE INDEX jobs_parent ON jobs (parent_job_id) WHERE parent_job_id IS NOT NULL;
CREATE UNIQUE INDEX jobs_reservation ON jobs (reservation_id) WHERE reservation_id IS NOT NULL;
