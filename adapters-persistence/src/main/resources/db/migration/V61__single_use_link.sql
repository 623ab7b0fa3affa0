-- Issue 18, ADR 0065: one single-use emailed link. Every invitation, sign-up confirmation, password
-- reset and unlock link becomes a row here: what it is for (purpose), what it acts on (subject: the
-- invitation, the pending sign-up or the identity), only the SHA-256 of its token (null until the relay
-- mails it), its window, and how it ended (used, or revoked when superseded or withdrawn). It changes
-- only by an optimistic update of its version, so of several concurrent uses exactly one wins.
-- issued_at is when the link was asked for: the request cooldowns run from it.
CREATE TABLE single_use_link (
    id          VARCHAR(80)  PRIMARY KEY,
    purpose     VARCHAR(32)  NOT NULL,
    subject_id  VARCHAR(64)  NOT NULL,
    token_hash  VARCHAR(64),
    issued_at   BIGINT       NOT NULL,
    expires_at  BIGINT       NOT NULL,
    used_at     BIGINT,
    revoked_at  BIGINT,
    version     BIGINT       NOT NULL,
    CONSTRAINT uq_single_use_link_token UNIQUE (token_hash)
);
CREATE INDEX ix_single_use_link_subject ON single_use_link (subject_id, purpose, issued_at);
