/** The Mailer port over Jakarta Mail: SMTP or .eml files, text and HTML, encoded headers. */
package dev.roster.adapters.mail;
