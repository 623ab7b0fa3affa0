/**
 * The account's events for portals (issue 21): one CloudEvents 1.0 JSON document per audited membership
 * change, rendered once when the change is made and delivered byte for byte by the webhooks and the feed.
 */
package dev.roster.domain.event;
