-- API v1.2 (issue 17, slice signup). A sign-up waits without any secret: the password is chosen on the
-- confirmation page, after the mailbox is proven, so the pending password hash goes.
ALTER TABLE pending_signup DROP COLUMN password_hash;
-- The silent per-mailbox cooldown of sign-up mail: the mailbox key (the address without its +tag) and
-- when this sign-up's mail went out (null: not yet, or never).
ALTER TABLE pending_signup ADD COLUMN mailbox VARCHAR(254);
ALTER TABLE pending_signup ADD COLUMN mailed_at BIGINT;
CREATE INDEX ix_pending_signup_mailbox ON pending_signup (mailbox, mailed_at);

-- A reset request is one outbox row naming the requested email (the relay decides), so the subject
-- column must hold an email; invitation rows record the identity that sent them, for the per-identity cap.
ALTER TABLE mail_outbox ALTER COLUMN member_id SET DATA TYPE VARCHAR(254);
ALTER TABLE mail_outbox ADD COLUMN sender_id VARCHAR(64);
CREATE INDEX ix_outbox_sender ON mail_outbox (sender_id, created_at);
