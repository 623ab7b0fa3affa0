/** Single sign-on per account (issue 19): its configuration, the browser's sign-in through the provider, and the gate that keeps sessions to their account. */
package dev.roster.adapters.rest.sso;
