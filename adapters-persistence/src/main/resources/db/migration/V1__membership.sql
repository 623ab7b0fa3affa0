-- Roster schema v1. Portable SQL for H2 2.x and PostgreSQL. Times are epoch milliseconds (UTC).
CREATE TABLE account (
    id          VARCHAR(64)  PRIMARY KEY,
    name        VARCHAR(400) NOT NULL,
    created_at  BIGINT       NOT NULL
);

CREATE TABLE identity (
    id             VARCHAR(64)  PRIMARY KEY,
    email          VARCHAR(254) NOT NULL,
    name           VARCHAR(400) NOT NULL,
    password_hash  VARCHAR(255),
    failed_logins  INT          NOT NULL,
    lock_count     INT          NOT NULL,
    locked_until   BIGINT,
    created_at     BIGINT       NOT NULL,
    CONSTRAINT uq_identity_email UNIQUE (email)
);

CREATE TABLE membership (
    id                     VARCHAR(64)  PRIMARY KEY,
    account_id             VARCHAR(64)  NOT NULL REFERENCES account (id),
    user_id                VARCHAR(64)  NOT NULL REFERENCES identity (id),
    email                  VARCHAR(254) NOT NULL,
    name                   VARCHAR(400) NOT NULL,
    status                 VARCHAR(24)  NOT NULL,
    roles                  VARCHAR(400) NOT NULL,
    owner                  BOOLEAN      NOT NULL,
    last_active_at         BIGINT       NOT NULL,
    auth_method            VARCHAR(16),
    created_at             BIGINT       NOT NULL,
    invited_by             VARCHAR(64),
    token_hash             VARCHAR(64),
    invitation_sent_at     BIGINT,
    invitation_expires_at  BIGINT,
    invitation_send_count  INT          NOT NULL,
    delivery               VARCHAR(16),
    delivery_error         VARCHAR(400),
    version                BIGINT       NOT NULL,
    CONSTRAINT uq_membership_account_email UNIQUE (account_id, email),
    CONSTRAINT uq_membership_token UNIQUE (token_hash)
);
CREATE INDEX ix_membership_user ON membership (user_id);
CREATE INDEX ix_membership_account_email ON membership (account_id, email, id);
CREATE INDEX ix_membership_account_active ON membership (account_id, last_active_at, id);
CREATE INDEX ix_membership_account_status ON membership (account_id, status, id);

CREATE TABLE login_session (
    token_hash    VARCHAR(64) PRIMARY KEY,
    user_id       VARCHAR(64) NOT NULL,
    created_at    BIGINT      NOT NULL,
    last_seen_at  BIGINT      NOT NULL,
    expires_at    BIGINT      NOT NULL
);
CREATE INDEX ix_session_user ON login_session (user_id);

CREATE TABLE mail_outbox (
    id               VARCHAR(64)  PRIMARY KEY,
    kind             VARCHAR(32)  NOT NULL,
    member_id        VARCHAR(64)  NOT NULL,
    account_id       VARCHAR(64)  NOT NULL,
    inviter_name     VARCHAR(400),
    status           VARCHAR(16)  NOT NULL,
    attempts         INT          NOT NULL,
    next_attempt_at  BIGINT       NOT NULL,
    claimed_until    BIGINT,
    last_error       VARCHAR(400),
    created_at       BIGINT       NOT NULL,
    sent_at          BIGINT
);
CREATE INDEX ix_outbox_due ON mail_outbox (status, next_attempt_at);
CREATE INDEX ix_outbox_account ON mail_outbox (account_id, created_at);
CREATE INDEX ix_outbox_member ON mail_outbox (member_id);
