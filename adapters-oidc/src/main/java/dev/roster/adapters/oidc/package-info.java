/**
 * The OpenID Connect adapter (issue 19): the {@code IdentityProvider} port on Nimbus oauth2-oidc-sdk
 * (relocated into this jar, docs/adr/0046), client secrets sealed with AES-GCM, and DNS TXT look-ups
 * for domain verification through the JDK's JNDI DNS provider.
 */
package dev.roster.adapters.oidc;
