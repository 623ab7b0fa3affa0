/** Request bodies, responses, links and paging as the contract writes them (strict JSON, UTC times, one limit rule). */
package dev.roster.adapters.rest.http;
