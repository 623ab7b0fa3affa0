-- Issue 18 step 3 (ADR 0065): the password-reset link becomes a single-use link (purpose
-- PASSWORD_RESET, subject the identity). A link an identity holds now keeps working (same hash, same
-- expiry), and the request cooldown still runs from the last request; a request not yet mailed gets its
-- token when the relay mails it.
INSERT INTO single_use_link (id, purpose, subject_id, token_hash, issued_at, expires_at, used_at, revoked_at, version)
SELECT 'reset-' || id, 'PASSWORD_RESET', id, reset_token_hash, COALESCE(reset_requested_at, 0),
       COALESCE(reset_expires_at, reset_requested_at, 0), NULL, NULL, 0
  FROM identity
 WHERE reset_requested_at IS NOT NULL OR reset_token_hash IS NOT NULL;

DROP INDEX uq_identity_reset_token;
ALTER TABLE identity DROP COLUMN reset_token_hash;
ALTER TABLE identity DROP COLUMN reset_expires_at;
ALTER TABLE identity DROP COLUMN reset_requested_at;
