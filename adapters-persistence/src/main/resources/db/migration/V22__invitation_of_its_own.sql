-- The invitation becomes an aggregate of its own (ADR 0025): its own row and version, so that accepting
-- is an ordinary optimistic update. Delivery state is read from the outbox, its one source of truth,
-- and the last login is a fact of the identity; the membership row keeps only what admins change.
CREATE TABLE invitation (
    id           VARCHAR(64) PRIMARY KEY,
    member_id    VARCHAR(64) NOT NULL,
    account_id   VARCHAR(64) NOT NULL,
    invited_by   VARCHAR(64),
    token_hash   VARCHAR(64),
    sent_at      BIGINT      NOT NULL,
    expires_at   BIGINT      NOT NULL,
    send_count   INT         NOT NULL,
    accepted_at  BIGINT,
    version      BIGINT      NOT NULL,
    CONSTRAINT uq_invitation_token UNIQUE (token_hash)
);
CREATE INDEX ix_invitation_member ON invitation (member_id);

INSERT INTO invitation (id, member_id, account_id, invited_by, token_hash, sent_at, expires_at, send_count, accepted_at, version)
SELECT id, id, account_id, invited_by, token_hash, COALESCE(invitation_sent_at, created_at), invitation_expires_at,
       invitation_send_count, NULL, 0
  FROM membership
 WHERE status = 'PENDING_INVITATION' AND invitation_expires_at IS NOT NULL;

ALTER TABLE identity ADD COLUMN last_active_at BIGINT DEFAULT -1 NOT NULL;
UPDATE identity SET last_active_at = COALESCE((SELECT MAX(m.last_active_at) FROM membership m WHERE m.user_id = identity.id), -1);

ALTER TABLE membership DROP CONSTRAINT uq_membership_token;
DROP INDEX ix_membership_account_active;
ALTER TABLE membership DROP COLUMN last_active_at;
ALTER TABLE membership DROP COLUMN invited_by;
ALTER TABLE membership DROP COLUMN token_hash;
ALTER TABLE membership DROP COLUMN invitation_sent_at;
ALTER TABLE membership DROP COLUMN invitation_expires_at;
ALTER TABLE membership DROP COLUMN invitation_send_count;
ALTER TABLE membership DROP COLUMN delivery;
ALTER TABLE membership DROP COLUMN delivery_error;
