/** JPA and JDBC adapters of the repository ports: entities, mappers, Flyway migrations and the operator's store probes. */
package dev.roster.adapters.persistence;
