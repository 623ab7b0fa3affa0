-- Issue 18 step 2 (ADR 0065): the unlock link of a lock notice becomes a single-use link (purpose
-- UNLOCK, subject the identity). A link an identity holds now keeps working: its hash and expiry are
-- carried over, and so is when the notice was asked for (the one-notice-per-link-lifetime cooldown runs
-- from it). A notice asked for but not yet mailed gets its token when the relay mails it.
INSERT INTO single_use_link (id, purpose, subject_id, token_hash, issued_at, expires_at, used_at, revoked_at, version)
SELECT 'unlock-' || id, 'UNLOCK', id, unlock_token_hash, COALESCE(unlock_requested_at, 0),
       COALESCE(unlock_expires_at, unlock_requested_at, 0), NULL, NULL, 0
  FROM identity
 WHERE unlock_requested_at IS NOT NULL OR unlock_token_hash IS NOT NULL;

DROP INDEX uq_identity_unlock_token;
ALTER TABLE identity DROP COLUMN unlock_token_hash;
ALTER TABLE identity DROP COLUMN unlock_expires_at;
ALTER TABLE identity DROP COLUMN unlock_requested_at;
