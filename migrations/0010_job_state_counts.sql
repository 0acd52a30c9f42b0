-- 0010: how many jobs are in each state, kept up to date as jobs change, so that a /metrics scrape reads five rows
-- instead of counting the whole jobs table (a GROUP BY state over every job ever made, at each scrape). Triggers keep
-- it exact whatever writes a job; a later migration that rebuilds the jobs table (as 0007 did) must create them again.
CREATE TABLE job_state_counts (
  state TEXT    PRIMARY KEY CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  n     INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO job_state_counts (state, n)
  SELECT s.state, (SELECT count(*) FROM jobs WHERE jobs.state = s.state)
  FROM (SELECT 'queued' AS state UNION ALL SELECT 'running' UNION ALL SELECT 'done' UNION ALL SELECT 'failed'
        UNION ALL SELECT 'cancelled') AS s;

CREATE TRIGGER jobs_state_count_insert AFTER INSERT ON jobs BEGIN
  UPDATE job_state_counts SET n = n + 1 WHERE state = NEW.state;
END;
CREATE TRIGGER jobs_state_count_update AFTER UPDATE OF state ON jobs WHEN OLD.state IS NOT NEW.state BEGIN
  UPDATE job_state_counts SET n = n - 1 WHERE state = OLD.state;
  UPDATE job_state_counts SET n = n + 1 WHERE state = NEW.state;
END;
CREATE TRIGGER jobs_state_count_delete AFTER DELETE ON jobs BEGIN
  UPDATE job_state_counts SET n = n - 1 WHERE state = OLD.state;
END;
