/** Inbound ports: one interface per use case, its commands and queries, and the refusals a use case answers with. */
package dev.roster.application.port.in;
