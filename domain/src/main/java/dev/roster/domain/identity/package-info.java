/** A person known by email across accounts: password, lockout, last activity, verified sign-up and the password policy. */
package dev.roster.domain.identity;
