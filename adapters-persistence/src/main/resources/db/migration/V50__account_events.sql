-- Issue 21 (ADR 0054): the account's events, one per audited membership change, written in the change's
-- transaction. seq is the audit entry's sequence number in the account's chain: increasing, never
-- reused, committed in order (the chain head is locked until commit), so it is the feed's keyset cursor.
-- document is the CloudEvents 1.0 JSON, exactly as delivered.
CREATE TABLE account_event (
    id          VARCHAR(64)    PRIMARY KEY,
    account_id  VARCHAR(64)    NOT NULL,
    seq         BIGINT         NOT NULL,
    event_type  VARCHAR(64)    NOT NULL,
    subject     VARCHAR(64),
    occurred_at BIGINT         NOT NULL,
    document    VARCHAR(16000) NOT NULL,
    CONSTRAINT uq_account_event_seq UNIQUE (account_id, seq)
);
