-- 0008: a prompt that makes several jobs (permutations, --repeat) waits for its author's Run or Cancel. The jobs it
-- would start are kept here (their requests as JSON), so the buttons under the private question carry only the
-- row's id and still work after a restart. decided_at and decision are set once: a second click finds nothing.
CREATE TABLE pending_prompts (
  id          INTEGER PRIMARY KEY,
  user_id     TEXT    NOT NULL,
  guild_id    TEXT,
  channel_id  TEXT,
  proposals   TEXT    NOT NULL CHECK (json_valid(proposals)),
  created_at  INTEGER NOT NULL,
  decided_at  INTEGER,
  decision    TEXT    CHECK (decision IS NULL OR decision IN ('run', 'cancel'))
);
CREATE INDEX pending_prompts_created ON pending_prompts (created_at);
