/** Refusals to HTTP: the one table from exception type to status and slug, and the problem+json answers. */
package dev.roster.adapters.rest.problem;
