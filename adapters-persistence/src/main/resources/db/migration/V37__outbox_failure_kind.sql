-- Issue 18, mail protocol (ADR 0045): a failed delivery is recorded as a kind, set by the relay from the
-- mail adapter's typed failure; the member view reads the kind, not last_error's words (last_error stays
-- for operators). Rows failed before this version: the kind is derived once from last_error's prefix,
-- as the member view used to do on every read.
ALTER TABLE mail_outbox ADD COLUMN failure_kind VARCHAR(16);

UPDATE mail_outbox SET failure_kind = CASE
        WHEN last_error LIKE 'SMTP 5%' THEN 'REFUSED'
        WHEN last_error LIKE 'The message cannot be built%' THEN 'UNBUILDABLE'
        WHEN last_error LIKE 'SMTP 4%' THEN 'DEFERRED'
        ELSE 'UNREACHABLE'
    END
    WHERE last_error IS NOT NULL;

ALTER TABLE mail_outbox ADD CONSTRAINT ck_outbox_failure_kind
    CHECK (failure_kind IN ('REFUSED', 'DEFERRED', 'UNREACHABLE', 'UNBUILDABLE'));
