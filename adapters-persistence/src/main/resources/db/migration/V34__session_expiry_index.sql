-- Slice "operator" (issue 17): expired and idle sessions are purged periodically, and the sessions gauge
-- counts the unexpired ones; both filter on these columns.
CREATE INDEX ix_session_expires ON login_session (expires_at);
CREATE INDEX ix_session_last_seen ON login_session (last_seen_at);
