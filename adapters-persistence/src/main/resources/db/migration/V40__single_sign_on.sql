-- Issue 19 (docs/adr/0046, 0047): single sign-on per account through its OpenID Connect provider.
-- The client secret is stored sealed (AES-GCM under roster.sso.secret-key); sign-ins under way and
-- one-time codes only as SHA-256 hashes; a verified domain belongs to one account (verified_domain is
-- NULL until verified, and unique).
CREATE TABLE sso_config (
    account_id     VARCHAR(64)   NOT NULL PRIMARY KEY,
    issuer         VARCHAR(512)  NOT NULL,
    client_id      VARCHAR(255)  NOT NULL,
    client_secret  VARCHAR(2048) NOT NULL,
    display_name   VARCHAR(100)  NOT NULL,
    enforcement    VARCHAR(16)   NOT NULL,
    configured_at  BIGINT        NOT NULL,
    CONSTRAINT ck_sso_enforcement CHECK (enforcement IN ('OPTIONAL', 'REQUIRED'))
);

CREATE TABLE sso_domain (
    account_id      VARCHAR(64)  NOT NULL,
    domain          VARCHAR(253) NOT NULL,
    token           VARCHAR(64)  NOT NULL,
    verified_at     BIGINT,
    verified_domain VARCHAR(253),
    PRIMARY KEY (account_id, domain),
    CONSTRAINT uq_sso_verified_domain UNIQUE (verified_domain)
);

CREATE TABLE sso_flow (
    state_hash   VARCHAR(64)  NOT NULL PRIMARY KEY,
    browser_hash VARCHAR(64)  NOT NULL,
    account_id   VARCHAR(64)  NOT NULL,
    next_path    VARCHAR(512) NOT NULL,
    expires_at   BIGINT       NOT NULL
);
CREATE INDEX ix_sso_flow_expiry ON sso_flow (expires_at);

CREATE TABLE sso_code (
    code_hash   VARCHAR(64)  NOT NULL PRIMARY KEY,
    account_id  VARCHAR(64)  NOT NULL,
    identity_id VARCHAR(64)  NOT NULL,
    next_path   VARCHAR(512) NOT NULL,
    expires_at  BIGINT       NOT NULL
);
CREATE INDEX ix_sso_code_expiry ON sso_code (expires_at);

CREATE TABLE sso_link (
    account_id  VARCHAR(64)  NOT NULL,
    issuer      VARCHAR(512) NOT NULL,
    subject     VARCHAR(255) NOT NULL,
    identity_id VARCHAR(64)  NOT NULL,
    linked_at   BIGINT       NOT NULL,
    PRIMARY KEY (account_id, issuer, subject),
    CONSTRAINT uq_sso_link_identity UNIQUE (account_id, issuer, identity_id)
);

-- how each session was established: 'password', or 'sso:<accountId>' (valid for that account only)
ALTER TABLE login_session ADD COLUMN established_by VARCHAR(64) DEFAULT 'password' NOT NULL;
