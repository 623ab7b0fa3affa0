package dev.roster.domain.event;

import dev.roster.domain.common.JsonText;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One event of an account: its place in the account's order ({@code position}, increasing with every
 * event and never reused) and its CloudEvents 1.0 JSON document ({@code json}, structured mode), the
 * exact bytes every webhook delivery and the feed carry.
 */
public record AccountEvent(String id, String accountId, long position, EventType type, String subject, Instant time,
                           String json) {
    public AccountEvent {
        Objects.requireNonNull(id);
        Objects.requireNonNull(accountId);
        Objects.requireNonNull(type);
        Objects.requireNonNull(time);
        Objects.requireNonNull(json);
    }

    /**
     * Makes the event and renders its document: {@code specversion}, {@code id}, {@code source}
     * ({@code sourceBase} + {@code /api/v1/accounts/{accountId}}), {@code type}, {@code subject},
     * {@code time} (UTC, milliseconds), {@code datacontenttype} and {@code data}.
     */
    public static AccountEvent of(String id, String accountId, long position, EventType type, String subject, Instant time,
                                  String sourceBase, Map<String, Object> data) {
        Instant at = time.truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("specversion", "1.0");
        doc.put("id", id);
        doc.put("source", stripSlash(sourceBase) + "/api/v1/accounts/" + accountId);
        doc.put("type", type.type());
        doc.put("subject", subject);
        doc.put("time", at.toString());
        doc.put("datacontenttype", "application/json");
        doc.put("data", data);
        return new AccountEvent(id, accountId, position, type, subject, at, JsonText.of(doc));
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
