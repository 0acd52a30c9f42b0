-- The mask a person painted for a region edit (the playground's brush): white is repainted, black is kept. Kept with
-- the job, like an upload, so the edit runs (or runs again after a restart) from what was painted.
CREATE TABLE job_masks (
  job_id     INTEGER PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
  bytes      BLOB    NOT NULL
);
