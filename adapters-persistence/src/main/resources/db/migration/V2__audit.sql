-- Append-only audit trail: one hash chain per account (and one "_system" chain).
CREATE TABLE audit_chain (
    chain     VARCHAR(64) PRIMARY KEY,
    last_seq  BIGINT      NOT NULL,
    last_hash VARCHAR(64)
);

CREATE TABLE audit_event (
    id            VARCHAR(64)   PRIMARY KEY,
    chain         VARCHAR(64)   NOT NULL,
    seq           BIGINT        NOT NULL,
    occurred_at   BIGINT        NOT NULL,
    action        VARCHAR(40)   NOT NULL,
    actor_id      VARCHAR(64),
    actor_email   VARCHAR(254),
    target_id     VARCHAR(64),
    target_email  VARCHAR(254),
    before_json   VARCHAR(4000),
    after_json    VARCHAR(4000),
    ip            VARCHAR(64),
    request_id    VARCHAR(64),
    prev_hash     VARCHAR(64),
    hash          VARCHAR(64)   NOT NULL,
    CONSTRAINT uq_audit_chain_seq UNIQUE (chain, seq)
);
CREATE INDEX ix_audit_actor ON audit_event (chain, actor_id, seq);
CREATE INDEX ix_audit_target ON audit_event (chain, target_id, seq);
