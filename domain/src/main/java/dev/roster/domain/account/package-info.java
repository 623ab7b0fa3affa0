/** The account (tenant): the aggregate whose members are memberships. */
package dev.roster.domain.account;
