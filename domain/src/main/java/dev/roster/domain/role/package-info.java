/** The two role models (tiered and cumulative): roles, permissions, implications and who may grant what. */
package dev.roster.domain.role;
