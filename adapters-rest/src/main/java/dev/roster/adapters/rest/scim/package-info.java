/** The REST side of SCIM provisioning (issue 20): an account's SCIM tokens. */
package dev.roster.adapters.rest.scim;
