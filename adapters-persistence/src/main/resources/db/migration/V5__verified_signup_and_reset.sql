-- API v1.1: verified sign-up, password reset, mail that belongs to no account.
-- Sign-ups wait here until their email is confirmed; only the Argon2id hash of the password is kept,
-- and only the SHA-256 of the mailed link. Several rows for one email may exist for a moment when two
-- requests race; confirming one deletes them all.
CREATE TABLE pending_signup (
    id             VARCHAR(64)  PRIMARY KEY,
    email          VARCHAR(254) NOT NULL,
    name           VARCHAR(400) NOT NULL,
    account_name   VARCHAR(400) NOT NULL,
    password_hash  VARCHAR(255) NOT NULL,
    token_hash     VARCHAR(64),
    created_at     BIGINT       NOT NULL,
    expires_at     BIGINT       NOT NULL,
    CONSTRAINT uq_pending_signup_token UNIQUE (token_hash)
);
CREATE INDEX ix_pending_signup_email ON pending_signup (email);
CREATE INDEX ix_pending_signup_expires ON pending_signup (expires_at);

-- The live password-reset link of an identity (newest wins) and when one was last asked for.
ALTER TABLE identity ADD COLUMN reset_token_hash VARCHAR(64);
ALTER TABLE identity ADD COLUMN reset_expires_at BIGINT;
ALTER TABLE identity ADD COLUMN reset_requested_at BIGINT;
CREATE UNIQUE INDEX uq_identity_reset_token ON identity (reset_token_hash);

-- Sign-up and reset mails belong to no account. member_id now names the row's subject (a member, a
-- pending sign-up or an identity, by kind).
ALTER TABLE mail_outbox ALTER COLUMN account_id DROP NOT NULL;
