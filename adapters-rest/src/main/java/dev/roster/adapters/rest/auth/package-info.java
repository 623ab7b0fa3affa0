/** Sign-up, login, logout, me and passwords: the endpoints of a person's own identity. */
package dev.roster.adapters.rest.auth;
