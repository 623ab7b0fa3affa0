-- PostgreSQL only (db/vendor/postgresql; FlywayMigrations adds db/vendor/{vendor} to the locations).
-- Member search (q=) is a substring test, email LIKE '%text%' OR LOWER(name) LIKE '%text%', which no B-tree
-- can serve: without this, PostgreSQL reads every member of the account (V20's index or the table). pg_trgm's
-- GIN indexes answer both LIKEs from trigrams (three or more characters); the planner ORs the two bitmaps and
-- still prefers V20's index in email order when the text matches many members (docs/adr/0068).
-- pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it; else an administrator runs
-- CREATE EXTENSION pg_trgm once, and IF NOT EXISTS passes. The operator classes are named with the
-- extension's schema, which is the schema of whoever created it first (one extension per database).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
DO $$
DECLARE
    s text;
BEGIN
    SELECT n.nspname INTO s FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
    EXECUTE format('CREATE INDEX ix_membership_email_trgm ON membership USING gin (email %I.gin_trgm_ops)', s);
    EXECUTE format('CREATE INDEX ix_membership_name_trgm ON membership USING gin (LOWER(name) %I.gin_trgm_ops)', s);
END
$$;
