/** Issue 21: an account's webhook endpoints, their delivery log, and the account's event feed. */
package dev.roster.adapters.rest.webhooks;
