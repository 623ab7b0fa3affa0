-- Answers to create requests sent with an Idempotency-Key, kept for 24 h.
CREATE TABLE idempotency_key (
    key_hash      VARCHAR(64)   PRIMARY KEY,
    request_hash  VARCHAR(64)   NOT NULL,
    status        INT           NOT NULL,
    body          VARCHAR(8000) NOT NULL,
    location      VARCHAR(1000),
    etag          VARCHAR(64),
    created_at    BIGINT        NOT NULL
);
CREATE INDEX ix_idempotency_created ON idempotency_key (created_at);
