/** The invitation link's endpoints: look at it, accept it. */
package dev.roster.adapters.rest.invitations;
