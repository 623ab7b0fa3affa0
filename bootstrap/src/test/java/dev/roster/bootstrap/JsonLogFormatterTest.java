package dev.roster.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {
    @Test
    void eachRecordIsOneJsonObjectOnOneLine() {
        LogRecord r = new LogRecord(Level.WARNING, "Mail for {0} not delivered:\nline two \"quoted\"");
        r.setParameters(new Object[] {"ina@example.com"});
        r.setLoggerName("dev.roster.Test");
        r.setThrown(new IllegalStateException("boom"));
        String line = new JsonLogFormatter().format(r);
        assertThat(line.strip()).doesNotContain("\n");
        JsonObject o = Json.createReader(new StringReader(line)).readObject();
        assertThat(o.getString("level")).isEqualTo("WARNING");
        assertThat(o.getString("logger")).isEqualTo("dev.roster.Test");
        assertThat(o.getString("message")).isEqualTo("Mail for ina@example.com not delivered:\nline two \"quoted\"");
        assertThat(o.getString("exception")).contains("IllegalStateException: boom");
        assertThat(o.getString("time")).endsWith("Z");
    }
}
