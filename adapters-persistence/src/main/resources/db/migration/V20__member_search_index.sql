-- Member search (q=) walks one account's members in email order and tests email and name against the text.
-- With name in the email-order index, the database tests each member from the index entry and reads the
-- full row only for the members that match (benchmarks/: search at 10,000 members).
DROP INDEX ix_membership_account_email;
CREATE INDEX ix_membership_account_email ON membership (account_id, email, id, name);
