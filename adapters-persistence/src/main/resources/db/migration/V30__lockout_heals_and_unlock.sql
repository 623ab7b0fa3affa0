-- Issue 17, slice lockout (ADR 0030). When an identity last took an attempt slot: every slot taken and
-- no lock recorded (slots lost by a crash or a failure without a verdict) counts as a lock only for one
-- lockout period after it. NULL for rows from before: such a state heals at the next attempt.
ALTER TABLE identity ADD COLUMN last_attempt_at BIGINT;

-- The unlock link mailed with a lock notice (only its SHA-256, like the reset link), and when the last
-- notice was asked for (at most one per link lifetime; an unlock clears it).
ALTER TABLE identity ADD COLUMN unlock_token_hash VARCHAR(64);
ALTER TABLE identity ADD COLUMN unlock_expires_at BIGINT;
ALTER TABLE identity ADD COLUMN unlock_requested_at BIGINT;
CREATE UNIQUE INDEX uq_identity_unlock_token ON identity (unlock_token_hash);
