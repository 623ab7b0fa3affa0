/** Who is calling and what every request must pass: bearer sessions, request ids, idempotency, security headers, OPTIONS. */
package dev.roster.adapters.rest.security;
