/** A person's membership in one account: its roles and status, the verbs admins perform on it, the rules they obey and the events they record. */
package dev.roster.domain.membership;
