/** The invitation of a pending member: the single-use, expiring link and who offered it. */
package dev.roster.domain.invitation;
