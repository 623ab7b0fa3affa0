/** The audit trail's endpoints: list it, verify its hash chain. */
package dev.roster.adapters.rest.audit;
