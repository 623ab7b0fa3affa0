-- Issue 17 item 2 (ADR 0042). When the current run of login attempt slots began: a run whose first slot
-- was taken one failure window (roster.login.failure-window) ago or more no longer counts towards the
-- lock, so failures spread thinly over hours never add up to one. Rows from before start from their last
-- attempt; a count without either heals at the next attempt.
ALTER TABLE identity ADD COLUMN failures_since BIGINT;
UPDATE identity SET failures_since = last_attempt_at WHERE failed_logins > 0;
