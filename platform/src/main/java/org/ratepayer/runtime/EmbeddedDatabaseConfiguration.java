package org.ratepayer.runtime;

import org.ratepayer.shared.config.RatepayerProperties;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded PostgreSQL the demo and a fresh checkout run on, kept under {@code data/pg} across
 * restarts. Only used when no {@code spring.datasource.url} is configured: production points at a
 * real PostgreSQL and this class does nothing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    /** The data directory taken for this process; released after the database below has stopped. */
    @Bean(destroyMethod = "close")
    EmbeddedDataDirectory embeddedDataDirectory(RatepayerProperties props) {
        return EmbeddedDataDirectory.claim(props.dataDir().resolve("pg").toAbsolutePath());
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(RatepayerProperties props, EmbeddedDataDirectory claimed) {
        Path dir = props.dataDir().resolve("pg").toAbsolutePath();
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPort(props.embeddedDb().port())
                    .setServerConfig("max_connections", "200")
                    .start();
            log.info("embedded PostgreSQL on port {} with data in {}", pg.getPort(), dir);
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dir, e);
        }
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres pg) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(20);
        config.setPoolName("ratepayer-embedded");
        return new HikariDataSource(config);
    }
}
