-- Issue 20 (SCIM 2.0 provisioning): an account's SCIM tokens. Only the SHA-256 of a token is stored;
-- revoking deletes the row, so the token stops working with the next request.
CREATE TABLE scim_token (
    id            VARCHAR(64)  PRIMARY KEY,
    account_id    VARCHAR(64)  NOT NULL REFERENCES account (id),
    name          VARCHAR(100) NOT NULL,
    token_hash    VARCHAR(64)  NOT NULL UNIQUE,
    created_at    BIGINT       NOT NULL,
    last_used_at  BIGINT
);
CREATE INDEX ix_scim_token_account ON scim_token (account_id, created_at);
