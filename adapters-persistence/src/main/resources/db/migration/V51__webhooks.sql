-- Issue 21 (ADR 0055, 0056): webhook endpoints, their deliveries (a transactional outbox claimed with a
-- lease like mail_outbox) and the log of delivery attempts.
CREATE TABLE webhook_endpoint (
    id              VARCHAR(64)   PRIMARY KEY,
    account_id      VARCHAR(64)   NOT NULL,
    url             VARCHAR(2048) NOT NULL,
    -- the wanted types, separated by spaces; empty: every type
    event_types     VARCHAR(2000) NOT NULL,
    description     VARCHAR(500)  NOT NULL,
    -- ENABLED or DISABLED (strings: portable comparisons in JPQL on H2 and PostgreSQL)
    state           VARCHAR(16)   NOT NULL,
    created_at      BIGINT        NOT NULL,
    disabled_reason VARCHAR(400),
    -- sealed (AES-GCM with roster.webhooks.secret-key when it is set), never shown again
    secret          VARCHAR(400)  NOT NULL,
    previous_secret VARCHAR(400),
    previous_until  BIGINT
);
ALTER TABLE webhook_endpoint ADD CONSTRAINT ck_webhook_endpoint_state CHECK (state IN ('ENABLED', 'DISABLED'));
CREATE INDEX ix_webhook_endpoint_account ON webhook_endpoint (account_id, created_at);

CREATE TABLE webhook_delivery (
    id              VARCHAR(64) PRIMARY KEY,
    endpoint_id     VARCHAR(64) NOT NULL,
    account_id      VARCHAR(64) NOT NULL,
    event_id        VARCHAR(64) NOT NULL,
    event_seq       BIGINT      NOT NULL,
    -- EVENT, or REDELIVERY (asked for by a member: not held back by, and not holding back, the endpoint's order)
    origin          VARCHAR(16) NOT NULL,
    status          VARCHAR(16) NOT NULL,
    attempts        INT         NOT NULL,
    next_attempt_at BIGINT      NOT NULL,
    claimed_until   BIGINT,
    created_at      BIGINT      NOT NULL,
    delivered_at    BIGINT,
    CONSTRAINT ck_webhook_delivery_status CHECK (status IN ('PENDING', 'RETRYING', 'DELIVERED', 'FAILED')),
    CONSTRAINT ck_webhook_delivery_origin CHECK (origin IN ('EVENT', 'REDELIVERY'))
);
CREATE INDEX ix_webhook_delivery_due ON webhook_delivery (status, next_attempt_at);
CREATE INDEX ix_webhook_delivery_endpoint ON webhook_delivery (endpoint_id, status, event_seq);

CREATE TABLE webhook_attempt (
    id              VARCHAR(64) PRIMARY KEY,
    endpoint_id     VARCHAR(64) NOT NULL,
    event_id        VARCHAR(64) NOT NULL,
    event_type      VARCHAR(64) NOT NULL,
    attempt         INT         NOT NULL,
    status          VARCHAR(16) NOT NULL,
    response_code   INT,
    duration_ms     BIGINT      NOT NULL,
    attempted_at    BIGINT      NOT NULL,
    next_attempt_at BIGINT
);
CREATE INDEX ix_webhook_attempt_endpoint ON webhook_attempt (endpoint_id, attempted_at);
