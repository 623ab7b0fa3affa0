-- Issue 18 step 4 (ADR 0065): a sign-up's confirmation link becomes a single-use link (purpose SIGNUP,
-- subject the pending sign-up); pending_signup keeps the payload (email, names), the mailbox cooldown
-- (mailbox, mailed_at) and when it may be purged (expires_at), and loses its token. A mailed link keeps
-- working: same hash, same expiry. A sign-up not mailed yet gets its link when the relay mails it.
INSERT INTO single_use_link (id, purpose, subject_id, token_hash, issued_at, expires_at, used_at, revoked_at, version)
SELECT 'signup-' || id, 'SIGNUP', id, token_hash, COALESCE(mailed_at, created_at), expires_at, NULL, NULL, 0
  FROM pending_signup
 WHERE token_hash IS NOT NULL;

ALTER TABLE pending_signup DROP CONSTRAINT uq_pending_signup_token;
ALTER TABLE pending_signup DROP COLUMN token_hash;
