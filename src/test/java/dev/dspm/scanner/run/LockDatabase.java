package dev.dspm.scanner.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Properties;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.dspm.scanner.TestDatabases;

/** A migrated database behind a pool set up by the application's own {@code spring.datasource.hikari.*} lines. */
final class LockDatabase implements AutoCloseable {

    final HikariDataSource pool = new HikariDataSource();
    final JdbcClient jdbc;

    LockDatabase(String jdbcUrl) {
        pool.setJdbcUrl(jdbcUrl);
        pool.setUsername(TestDatabases.user(jdbcUrl));
        pool.setPassword(TestDatabases.password(jdbcUrl));
        try {
            Properties application = PropertiesLoaderUtils.loadProperties(new ClassPathResource("application.properties"));
            new Binder(new MapConfigurationPropertySource(application))
                    .bind("spring.datasource.hikari", Bindable.ofInstance(pool));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String vendor = jdbcUrl.startsWith("jdbc:h2:") ? "h2" : "postgresql";
        // The Java migration (V6) is a bean of the application: against a database it migrated, it is not missing.
        Flyway.configure().dataSource(pool).locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
                .ignoreMigrationPatterns("*:missing")
                .load().migrate();
        jdbc = JdbcClient.create(pool);
    }

    RunLock lock(Duration staleAfter) {
        return new RunLock(pool, new LockSettings(staleAfter));
    }

    @Override
    public void close() {
        pool.close();
    }
}
