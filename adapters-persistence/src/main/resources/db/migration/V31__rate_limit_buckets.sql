-- Per-source rate limits (docs/adr/0032): one Bucket4j token bucket per key ("login|203.0.113.7"),
-- shared by every instance on PostgreSQL (SELECT ... FOR UPDATE on the row). state is Bucket4j's own
-- serialized bucket; expires_at (epoch millis) is when the bucket would be full again plus a margin,
-- after which the row carries nothing and is deleted. H2 runs one instance and keeps its buckets in
-- memory, so there the table stays empty.
CREATE TABLE rate_limit_bucket (
    id          VARCHAR(200) PRIMARY KEY,
    state       BYTEA,
    expires_at  BIGINT
);
CREATE INDEX ix_rate_limit_bucket_expires ON rate_limit_bucket (expires_at);
