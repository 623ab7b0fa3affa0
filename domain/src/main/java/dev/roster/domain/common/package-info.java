/** Value objects and the refusal types shared by every aggregate: email address, person name, token hash, invalid values. */
package dev.roster.domain.common;
