-- Issue 20: what SCIM keeps about a member an identity provider provisions (the "Provisioned" mark,
-- its externalId and the name parts it sent). The row goes with the membership.
CREATE TABLE scim_member (
    member_id      VARCHAR(64)  PRIMARY KEY REFERENCES membership (id) ON DELETE CASCADE,
    account_id     VARCHAR(64)  NOT NULL,
    external_id    VARCHAR(400),
    given_name     VARCHAR(400),
    family_name    VARCHAR(400),
    provisioned_at BIGINT       NOT NULL
);
CREATE INDEX ix_scim_member_account ON scim_member (account_id);
