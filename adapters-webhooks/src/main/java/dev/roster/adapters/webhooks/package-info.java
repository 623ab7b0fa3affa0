/**
 * Adapter (issue 21): delivers account events to webhook endpoints with {@code java.net.http}, signed
 * per Standard Webhooks, and keeps the requests away from internal addresses (the server-side request
 * forgery rules, {@link dev.roster.adapters.webhooks.AddressRules}).
 */
package dev.roster.adapters.webhooks;
