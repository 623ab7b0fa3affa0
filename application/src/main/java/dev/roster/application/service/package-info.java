/** One service per use case, each a transaction boundary, plus the small beans they share. */
package dev.roster.application.service;
