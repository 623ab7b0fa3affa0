-- Issue 18 step 5 (ADR 0065): an invitation's link becomes a single-use link (purpose INVITATION,
-- subject the invitation); invitation keeps who invited whom, the last send and the send count, and
-- whether it was accepted, and loses its token hash and expiry. Every open invitation carries its link
-- over: a mailed one keeps working (same hash, same expiry), one not mailed yet keeps its window and
-- gets its token when the relay mails it. issued_at is the last send.
INSERT INTO single_use_link (id, purpose, subject_id, token_hash, issued_at, expires_at, used_at, revoked_at, version)
SELECT 'invitation-' || id, 'INVITATION', id, token_hash, sent_at, expires_at, NULL, NULL, 0
  FROM invitation
 WHERE accepted_at IS NULL;

ALTER TABLE invitation DROP CONSTRAINT uq_invitation_token;
ALTER TABLE invitation DROP COLUMN token_hash;
ALTER TABLE invitation DROP COLUMN expires_at;
