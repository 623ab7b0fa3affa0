-- Slice inputs (issue 17, review F18): the server's key for the keyed fingerprint (HMAC-SHA256) of
-- requests sent with an Idempotency-Key. One row; the secret is set once, by the first request that
-- needs it (a conditional UPDATE decides between instances), and never changes.
CREATE TABLE idempotency_fingerprint_key (
    id      INT          PRIMARY KEY,
    secret  VARCHAR(64)
);
INSERT INTO idempotency_fingerprint_key (id, secret) VALUES (1, NULL);
