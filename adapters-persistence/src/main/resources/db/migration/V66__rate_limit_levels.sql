-- Rate limits on PostgreSQL in one statement per bucket (docs/adr/0070): a token bucket is a row whose
-- level is read, refilled and charged by one INSERT ... ON CONFLICT DO UPDATE ... RETURNING, on the
-- connection (and so in the transaction) of its caller, instead of Bucket4j's SELECT ... FOR UPDATE and
-- UPDATE in a transaction of their own. Exact arithmetic: one token is `unit` (the refill period in
-- nanoseconds), so `refill` tokens per period add `refill` units per elapsed nanosecond; `cap` is the
-- burst in units. The limit travels with every statement and is kept on the row (a changed setting
-- re-scales the stored level). stamp: the clock (nanoseconds) of the last charge; granted: the last
-- charge's answer; expires_at (epoch millis): when the bucket is surely full again plus a margin, after
-- which the row carries nothing and is deleted. H2 serves one instance and keeps its buckets in memory,
-- so there the table stays empty. rate_limit_bucket (V31, Bucket4j's) is no longer written.
CREATE TABLE rate_limit_level (
    id          VARCHAR(200) PRIMARY KEY,
    level       NUMERIC NOT NULL,
    cap         NUMERIC NOT NULL,
    unit        NUMERIC NOT NULL,
    refill      BIGINT NOT NULL,
    stamp       BIGINT NOT NULL,
    granted     BOOLEAN NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX ix_rate_limit_level_expires ON rate_limit_level (expires_at);
