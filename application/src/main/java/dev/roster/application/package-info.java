/** The use cases of Roster between the domain and the adapters: inbound ports, services and outbound ports. */
package dev.roster.application;
