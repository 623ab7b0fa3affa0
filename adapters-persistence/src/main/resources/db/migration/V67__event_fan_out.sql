-- ADR 0054/0055: the request only appends its event; the webhook relay fans events out to the endpoints
-- afterwards, claiming the events not yet fanned out with a lease (the LeasedRows claim, ADR 0072).
-- fanout_status: PENDING until the relay has queued the event's deliveries, then DONE. Events written
-- before this version had their deliveries queued by the request itself: they are DONE.
ALTER TABLE account_event ADD COLUMN fanout_status VARCHAR(16) DEFAULT 'DONE' NOT NULL;
ALTER TABLE account_event ALTER COLUMN fanout_status SET DEFAULT 'PENDING';
-- counts the claims (the conditional update of the claim compares it); claimed_until: the claim's lease
ALTER TABLE account_event ADD COLUMN fanout_attempts INT DEFAULT 0 NOT NULL;
ALTER TABLE account_event ADD COLUMN fanout_claimed_until BIGINT;
ALTER TABLE account_event ADD CONSTRAINT ck_account_event_fanout CHECK (fanout_status IN ('PENDING', 'DONE'));
-- the relay's candidates: the PENDING events, per account in position order
CREATE INDEX ix_account_event_fanout ON account_event (fanout_status, account_id, seq);

-- The audit position of the endpoint's creation (its webhook_created entry, in the same chain as the
-- events): an endpoint gets the events placed after it, as when the request read the endpoints itself.
-- Endpoints created before this version: 0 (every event still to be fanned out is later than they are).
ALTER TABLE webhook_endpoint ADD COLUMN created_seq BIGINT DEFAULT 0 NOT NULL;
