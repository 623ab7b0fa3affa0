/** The composition root: configuration, start-up and migrations, the data source, health, metrics, logging and the operator endpoints. */
package dev.roster.bootstrap;
