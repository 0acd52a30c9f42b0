-- 0001: jobs, their images and uploads, and the usage log.
-- Times are epoch milliseconds (UTC). Discord ids (snowflakes) are TEXT: they exceed 2^53.

-- One row per accepted request. The queue's order is the id order; AUTOINCREMENT so that an id is never reused
-- after rows are pruned (buttons carry job ids for months).
CREATE TABLE jobs (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  state             TEXT    NOT NULL DEFAULT 'queued'
                    CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  kind              TEXT    NOT NULL CHECK (kind IN ('imagine', 'variation', 'upscale', 'reroll')),
  user_id           TEXT    NOT NULL,
  guild_id          TEXT,               -- NULL in direct messages
  channel_id        TEXT,
  model             TEXT    NOT NULL,
  -- The full request as JSON (prompt, negativePrompt, width, height, steps, guidanceScale, seed, count, ...).
  -- The columns below repeat what queries filter on (ETA, lineage); the store writes both from one object.
  params            TEXT    NOT NULL CHECK (json_valid(params)),
  seed              INTEGER NOT NULL,
  width             INTEGER NOT NULL,
  height            INTEGER NOT NULL,
  steps             INTEGER NOT NULL,
  count             INTEGER NOT NULL,   -- images asked for
  parent_job_id     INTEGER REFERENCES jobs (id) ON DELETE SET NULL,
  source_index      INTEGER,
  -- Where the result goes. The bot posts with its own token, so the interaction token (valid 15 minutes) is only
  -- for the first acknowledgement; token_expires_at tells when it must stop using it.
  message_id        TEXT,
  interaction_id    TEXT,
  interaction_token TEXT,
  token_expires_at  INTEGER,
  -- Lifecycle: queued_at, then started_at (running), then finished_at (done, failed or cancelled).
  queued_at         INTEGER NOT NULL,
  started_at        INTEGER,
  finished_at       INTEGER,
  wait_ms           INTEGER,            -- started_at - queued_at (or until cancellation)
  run_ms            INTEGER,            -- finished_at - started_at
  attempts          INTEGER NOT NULL DEFAULT 0,  -- times it entered 'running' (more than 1 after a crash)
  image_count       INTEGER,            -- images produced
  error             TEXT,
  deleted           INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);
-- Crash recovery and queue listing read only unfinished jobs: a partial index keeps that cheap at any history size.
CREATE INDEX jobs_unfinished ON jobs (state, id) WHERE state IN ('queued', 'running');
CREATE INDEX jobs_user_unfinished ON jobs (user_id) WHERE state IN ('queued', 'running');
CREATE INDEX jobs_user ON jobs (user_id, id);
-- Rolling average run time per (model, size, steps, count) for ETAs.
CREATE INDEX jobs_eta ON jobs (model, width, height, steps, count, finished_at) WHERE state = 'done';
CREATE INDEX jobs_model_done ON jobs (model, finished_at) WHERE state = 'done';
CREATE INDEX jobs_parent ON jobs (parent_job_id) WHERE parent_job_id IS NOT NULL;

-- The PNG bytes of every result image. Trade-off: a 512x512 PNG is 300-500 KB, so a 4-image job costs ~1.5 MB
-- and a busy bot grows by gigabytes a month. We keep them anyway because variation and upscale buttons on old
-- messages must keep working after restarts, and Discord's CDN links expire; the jobs store can prune the bytes of
-- old jobs (pruneImages) when disk matters more. A rowid table, not WITHOUT ROWID: rows this big belong in one.
CREATE TABLE job_images (
  job_id     INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  idx        INTEGER NOT NULL CHECK (idx >= 0),
  seed       INTEGER NOT NULL,
  width      INTEGER NOT NULL,
  height     INTEGER NOT NULL,
  png        BLOB    NOT NULL,
  PRIMARY KEY (job_id, idx)
);

-- An uploaded init image (image-to-image), kept so that a job survives a restart before it runs.
CREATE TABLE job_uploads (
  job_id     INTEGER PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
  bytes      BLOB    NOT NULL
);

-- Every request, accepted or refused. Refusals matter most to moderators. For accepted jobs the outcome columns
-- are filled in when the job finishes, so the log stays complete even if old jobs are pruned.
CREATE TABLE usage_log (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  user_id     TEXT    NOT NULL,
  guild_id    TEXT,
  channel_id  TEXT,
  kind        TEXT    NOT NULL,          -- the command or button: imagine, variation, upscale, reroll, ...
  prompt      TEXT,
  params      TEXT    CHECK (params IS NULL OR json_valid(params)),
  seed        INTEGER,
  model       TEXT,
  images      INTEGER NOT NULL DEFAULT 0,  -- images asked for
  decision    TEXT    NOT NULL CHECK (decision IN ('accepted', 'refused')),
  reason_code TEXT,                       -- which limit or rule refused it
  reason      TEXT,                       -- the message the user was shown
  job_id      INTEGER REFERENCES jobs (id) ON DELETE SET NULL,
  outcome     TEXT    CHECK (outcome IS NULL OR outcome IN ('done', 'failed', 'cancelled')),
  wait_ms     INTEGER,
  run_ms      INTEGER,
  image_count INTEGER                     -- images produced
);
CREATE INDEX usage_at ON usage_log (at);
CREATE INDEX usage_guild_at ON usage_log (guild_id, at);
CREATE INDEX usage_user_at ON usage_log (user_id, at);
CREATE INDEX usage_job ON usage_log (job_id) WHERE job_id IS NOT NULL;
