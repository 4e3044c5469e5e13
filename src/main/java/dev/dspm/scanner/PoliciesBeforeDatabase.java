package dev.dspm.scanner;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Makes the data source bean wait for the policies' compile: every use of the database (the H2 file's folder and
 * files, which {@code H2FilePermissions} prepares as the data source is made; Flyway; the job repository) comes after
 * that bean, so a broken policy is still exit 2 with no database opened, created or migrated. Added to the context
 * before the beans' own post-processors, so it runs first.
 */
record PoliciesBeforeDatabase(CompiledPolicies policies) implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource) {
            policies.await();
        }
        return bean;
    }
}
