-- 0011: the jobs a job last ran with, in the order that run named them (comma-separated ids; NULL before it first
-- runs). A job put back in line by a stop or a crash of the bot runs with exactly these jobs again, so that the bot's
-- next process can take over the run it had handed to a worker (scale-out) instead of running the jobs again.
ALTER TABLE jobs ADD COLUMN run_with TEXT;
