/** The member and role endpoints of an account: list, view, invite, change, remove, resend, and their JSON. */
package dev.roster.adapters.rest.members;
