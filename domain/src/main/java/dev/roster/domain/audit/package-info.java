/** The append-only, hash-chained audit trail and the names of what it records. */
package dev.roster.domain.audit;
