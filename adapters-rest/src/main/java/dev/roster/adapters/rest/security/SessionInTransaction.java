package dev.roster.adapters.rest.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method whose session is looked up inside the request's one transaction (the method's
 * own {@code @Transactional}, or the use case's when the method hands it {@code caller::user}), on the
 * first {@link Caller#user()}, instead of by {@link BearerAuthFilter} in a transaction of its own. A
 * request without a token is still refused by the filter; such a method asks {@link Caller#user()} before
 * it judges anything else, so an invalid token still gets 401 first.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SessionInTransaction {
}
