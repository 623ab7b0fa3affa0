package dev.roster.adapters.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.LinkedHashMap;
import java.util.Map;

/** A dynamic JPQL query whose every condition is added together with its parameter, so the two cannot drift apart. */
final class Jpql {
    private final StringBuilder text;
    private final Map<String, Object> params = new LinkedHashMap<>();

    Jpql(String start) {
        this.text = new StringBuilder(start);
    }

    /** {@code AND condition}, with the value of its one named parameter. */
    Jpql and(String condition, String name, Object value) {
        text.append(" AND ").append(condition);
        return param(name, value);
    }

    Jpql param(String name, Object value) {
        params.put(name, value);
        return this;
    }

    Jpql append(String more) {
        text.append(more);
        return this;
    }

    <T> TypedQuery<T> query(EntityManager em, Class<T> type) {
        TypedQuery<T> q = em.createQuery(text.toString(), type);
        params.forEach(q::setParameter);
        return q;
    }
}
