/**
 * The invitation of a pending member: who offered it, its sends and its acceptance. Its emailed link is a
 * {@link dev.roster.domain.link.SingleUseLink} of purpose {@code INVITATION} (ADR 0065).
 */
package dev.roster.domain.invitation;
