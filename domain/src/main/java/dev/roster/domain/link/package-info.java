/** The single-use emailed link (invitation, sign-up confirmation, password reset, unlock): ADR 0065. */
package dev.roster.domain.link;
