/** Outbound ports: what the use cases need from storage, mail, hashing, tokens, telemetry and the request. */
package dev.roster.application.port.out;
