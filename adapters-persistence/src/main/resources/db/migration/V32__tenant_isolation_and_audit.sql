-- Slice "tenants" (issue 17): activity per membership, folded refusals, verification checkpoints.

-- The last authenticated request to THIS account (ADR 0035), -1 for never. Accepted members start from
-- their identity's last login, which this account was already shown; pending members start at never.
ALTER TABLE membership ADD COLUMN last_active_at BIGINT DEFAULT -1 NOT NULL;
UPDATE membership SET last_active_at = COALESCE((SELECT i.last_active_at FROM identity i WHERE i.id = membership.user_id), -1)
 WHERE status <> 'PENDING_INVITATION';
CREATE INDEX ix_membership_account_active ON membership (account_id, last_active_at, id);

-- A refusal repeated within a window is one entry with a count (ADR 0034). The count is outside the
-- sealed form: the entry's hash covers its first occurrence.
ALTER TABLE audit_event ADD COLUMN repeat_key VARCHAR(64);
ALTER TABLE audit_event ADD COLUMN repeat_count INT DEFAULT 1 NOT NULL;
ALTER TABLE audit_event ADD COLUMN last_repeat_at BIGINT;
CREATE INDEX ix_audit_repeat ON audit_event (chain, repeat_key, occurred_at);

-- Where the last verification of a chain got to: verify goes on from there, a bounded walk per call.
ALTER TABLE audit_chain ADD COLUMN verified_seq BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE audit_chain ADD COLUMN verified_hash VARCHAR(64);
