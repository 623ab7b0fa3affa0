/** Argon2id password hashing and secure token generation, the only code that uses Bouncy Castle. */
package dev.roster.adapters.security;
