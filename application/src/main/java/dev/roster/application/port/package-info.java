/**
 * Value types both sides of the hexagon's ports share ({@code port.in} and {@code port.out} never import
 * each other: ADR 0044). They depend on the domain and the JDK only.
 */
package dev.roster.application.port;
