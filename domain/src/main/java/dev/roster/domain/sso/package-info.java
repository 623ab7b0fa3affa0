/** Single sign-on per account (issue 19): the values its rules need. */
package dev.roster.domain.sso;
