package dev.dspm.scanner.snapshot;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Has the PostgreSQL driver send a batch of inserts as multi-row statements ({@code reWriteBatchedInserts}): a night's
 * plan is half a million remediation rows and a large team's members hundreds of thousands, each otherwise a
 * statement of its own on the wire. The driver's setting changes nothing but the wire (no code here reads a batch's
 * update counts, which it reports as unknown); a URL that names the setting keeps its own value, and H2 is left alone.
 */
@Component
class BatchedInserts implements BeanPostProcessor {

    static final String SETTING = "reWriteBatchedInserts";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource dataSource) {
            apply(dataSource);
        }
        return bean;
    }

    static void apply(HikariDataSource dataSource) {
        String url = dataSource.getJdbcUrl();
        if (url != null && url.startsWith("jdbc:postgresql:") && !url.contains(SETTING)
                && !dataSource.getDataSourceProperties().containsKey(SETTING)) {
            dataSource.addDataSourceProperty(SETTING, "true");
        }
    }
}
