-- 0005: result images move out of the database into content-addressed files (src/db/image-files.ts), named by
-- the SHA-256 of their bytes under the data directory's images/ folder. A row here is one image of one job; several
-- rows may name the same file (U posts a stored image again without copying it). A file is deleted once no row
-- names it: when its job is deleted, or when it passes IMAGE_RETENTION_DAYS.
CREATE TABLE job_image_files (
  job_id  INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  idx     INTEGER NOT NULL CHECK (idx >= 0),
  seed    INTEGER NOT NULL,
  width   INTEGER NOT NULL,
  height  INTEGER NOT NULL,
  sha256  TEXT    NOT NULL CHECK (length(sha256) = 64),
  bytes   INTEGER NOT NULL CHECK (bytes > 0),
  PRIMARY KEY (job_id, idx)
) WITHOUT ROWID;
CREATE INDEX job_image_files_sha256 ON job_image_files (sha256);

-- job_images (0001) keeps the PNG bytes of databases written before this version. At start-up the bot moves them
-- into files and references here, deletes the rows and VACUUMs the file (src/db/jobs.ts, moveStoredImages); the
-- table stays, empty, and nothing writes to it any more.
