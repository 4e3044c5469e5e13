package dev.dspm.scanner.manus;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The API client and its shared rate limiter, from {@link ApiSettings} (bound from {@code dspm.api.*}) and the
 * MANUS_ASSET_* keys.
 */
@Configuration(proxyBeanMethods = false)
class ManusConfiguration {

    @Bean
    ApiKeys apiKeys(Environment environment) {
        return ApiKeys.load(environment::getProperty);
    }

    @Bean
    AdaptiveRateLimiter adaptiveRateLimiter(ApiSettings settings) {
        return new AdaptiveRateLimiter(settings.maxRequestsPerSecond());
    }

    @Bean
    ManusClient manusClient(ApiSettings settings, ApiKeys keys, AdaptiveRateLimiter limiter) {
        return new ManusClient(settings, keys, limiter);
    }
}
