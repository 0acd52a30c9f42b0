-- 0003: bans, blocklists, the moderators' audit log and members' settings.

-- Bans from using the bot in a guild ('' for direct messages). Rows are kept after they end (history); a ban is
-- in force while lifted_at is NULL and expires_at is NULL or in the future.
CREATE TABLE bans (
  id           INTEGER PRIMARY KEY,
  guild_id     TEXT    NOT NULL,
  user_id      TEXT    NOT NULL,
  reason       TEXT,
  moderator_id TEXT    NOT NULL,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER,
  lifted_at    INTEGER,
  lifted_by    TEXT
);
CREATE INDEX bans_active ON bans (guild_id, user_id) WHERE lifted_at IS NULL;

-- Words, phrases or /regex/ entries a guild blocks in prompts (on top of the built-in list in channels that are
-- not age-restricted).
CREATE TABLE blocklist (
  id         INTEGER PRIMARY KEY,
  guild_id   TEXT    NOT NULL,
  pattern    TEXT    NOT NULL,
  added_by   TEXT    NOT NULL,
  added_at   INTEGER NOT NULL,
  UNIQUE (guild_id, pattern)
);

-- Every moderator action, with the state before and after as JSON.
CREATE TABLE mod_audit (
  id           INTEGER PRIMARY KEY,
  at           INTEGER NOT NULL,
  guild_id     TEXT    NOT NULL,
  moderator_id TEXT    NOT NULL,
  action       TEXT    NOT NULL,         -- e.g. limits.set, ban, unban, blocklist.add, queue.remove
  target_type  TEXT,                     -- user, role, guild, job, pattern
  target_id    TEXT,
  before       TEXT    CHECK (before IS NULL OR json_valid(before)),
  after        TEXT    CHECK (after IS NULL OR json_valid(after)),
  reason       TEXT
);
CREATE INDEX mod_audit_guild ON mod_audit (guild_id, at);

-- A member's defaults for /imagine (global: they follow the person across servers).
CREATE TABLE user_settings (
  user_id      TEXT    PRIMARY KEY,
  aspect_ratio TEXT,
  steps        INTEGER,
  spoiler      INTEGER NOT NULL DEFAULT 0 CHECK (spoiler IN (0, 1)),
  updated_at   INTEGER NOT NULL
) WITHOUT ROWID;
