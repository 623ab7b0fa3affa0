/**
 * The SCIM 2.0 adapter (issue 20): an identity provider (Okta, Entra ID) keeps an account's members in
 * sync at {@code /scim/v2/accounts/{accountId}}, authenticated by the account's SCIM tokens. Filters,
 * paths and patches are the UnboundID SCIM 2 SDK's; the rules are the application's.
 */
package dev.roster.adapters.scim;
