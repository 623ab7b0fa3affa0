-- The head of the "_system" audit chain exists from the start, so that the first concurrent writers
-- (failed logins of unknown emails) lock one row instead of racing to create it.
INSERT INTO audit_chain (chain, last_seq, last_hash) VALUES ('_system', 0, NULL);
