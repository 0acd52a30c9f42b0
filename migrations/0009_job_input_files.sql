-- 0009: a job's inputs (the picture a member uploaded for image-to-image, the mask painted for a region edit) move
-- out of the database into the same content-addressed files as the results (0005, src/db/image-files.ts). A row here
-- names the file of one input of one job; a file is deleted once no row here or in job_image_files names it: when its
-- job is deleted, or when its finished job passes IMAGE_RETENTION_DAYS, as the results do.
CREATE TABLE job_input_files (
  job_id  INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  role    TEXT    NOT NULL CHECK (role IN ('init', 'mask')),
  sha256  TEXT    NOT NULL CHECK (length(sha256) = 64),
  bytes   INTEGER NOT NULL CHECK (bytes > 0),
  PRIMARY KEY (job_id, role)
) WITHOUT ROWID;
CREATE INDEX job_input_files_sha256 ON job_input_files (sha256);

-- job_uploads (0001) and job_masks (0004) keep the bytes of databases written before this version. At start-up the
-- bot moves them into files and references here, deletes the rows and VACUUMs (src/db/jobs.ts, moveStoredInputs);
-- the tables stay, empty, and nothing writes to them any more.
