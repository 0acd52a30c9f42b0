-- 0002: limit overrides and quota reservations.

-- Overrides of the code's default limits, per guild ('' stands for direct messages), at three levels:
-- the whole guild, a role, or a user. No row means "inherit". value is JSON: a number, true/false, or null for
-- "unlimited".
CREATE TABLE limit_overrides (
  guild_id   TEXT    NOT NULL,
  scope      TEXT    NOT NULL CHECK (scope IN ('guild', 'role', 'user')),
  target_id  TEXT    NOT NULL,           -- the guild id again for scope 'guild'
  key        TEXT    NOT NULL,
  value      TEXT    NOT NULL CHECK (json_valid(value)),
  updated_at INTEGER NOT NULL,
  updated_by TEXT,
  PRIMARY KEY (guild_id, scope, target_id, key)
) WITHOUT ROWID;

-- Images charged against quotas. A reservation is taken, in the same transaction as the check, before the job
-- exists; a failed or cancelled job refunds it. Rolling windows and cooldowns are read from here, so the table
-- only needs the last day or two (QuotaStore.prune).
CREATE TABLE quota_reservations (
  id          INTEGER PRIMARY KEY,
  user_id     TEXT    NOT NULL,
  guild_id    TEXT    NOT NULL,          -- '' for direct messages
  images      INTEGER NOT NULL CHECK (images > 0),
  created_at  INTEGER NOT NULL,
  refunded_at INTEGER
);
-- Covering indexes: the window sums read only the index.
CREATE INDEX reservations_user ON quota_reservations (guild_id, user_id, created_at, images, refunded_at);
CREATE INDEX reservations_guild ON quota_reservations (guild_id, created_at, images, refunded_at);
-- Reservations not yet attached to a job count as queued (between reserve() and jobs.create()).
CREATE INDEX reservations_pending_user ON quota_reservations (user_id, created_at) WHERE refunded_at IS NULL;
CREATE INDEX reservations_pending ON quota_reservations (created_at) WHERE refunded_at IS NULL;

-- The job a reservation paid for (NULL for jobs created without quota, e.g. by the CLI or before 0002).
ALTER TABLE jobs ADD COLUMN reservation_id INTEGER REFERENCES quota_reservations (id) ON DELETE SET NULL;
CREATE UNIQUE INDEX jobs_reservation ON jobs (reservation_id) WHERE reservation_id IS NOT NULL;
