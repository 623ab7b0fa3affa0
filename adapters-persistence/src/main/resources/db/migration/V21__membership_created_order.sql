-- The member list sorted by creation time (sort=createdAt / -createdAt), keyset-paged like the others.
CREATE INDEX ix_membership_account_created ON membership (account_id, created_at, id);
