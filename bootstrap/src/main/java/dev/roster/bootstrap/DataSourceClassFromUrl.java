package dev.roster.bootstrap;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Configuration source of last resort for {@code roster.datasource.class-name}: derived from the
 * scheme of {@code roster.datasource.url}, so the URL is the only database setting an operator needs.
 * Any other source (environment, system property, properties file) overrides it.
 */
public class DataSourceClassFromUrl implements ConfigSource {
    static final String KEY = "roster.datasource.class-name";
    static final String URL_KEY = "roster.datasource.url";
    /** JDBC URL prefix → the driver's plain (non-XA) DataSource; the server pools it. */
    static final Map<String, String> BY_SCHEME = Map.of(
            "jdbc:postgresql:", "org.postgresql.ds.PGSimpleDataSource",
            "jdbc:h2:", "org.h2.jdbcx.JdbcDataSource");

    /**
     * The server creates this source while it deploys the application, before the data source and the
     * persistence unit: the moment to start watching for a failed deployment ({@link FailedDeployment}).
     */
    public DataSourceClassFromUrl() {
        FailedDeployment.watch();
    }

    /** The DataSource class for {@code url}, if Roster knows its scheme. */
    static Optional<String> classFor(String url) {
        return BY_SCHEME.entrySet().stream().filter(e -> url.strip().startsWith(e.getKey())).map(Map.Entry::getValue).findFirst();
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(KEY);
    }

    @Override
    public String getValue(String propertyName) {
        if (!KEY.equals(propertyName)) {
            return null;
        }
        return ConfigProvider.getConfig().getOptionalValue(URL_KEY, String.class).flatMap(DataSourceClassFromUrl::classFor).orElse(null);
    }

    @Override
    public String getName() {
        return "roster-datasource-class-from-url";
    }

    @Override
    public int getOrdinal() {
        return 1;
    }
}
