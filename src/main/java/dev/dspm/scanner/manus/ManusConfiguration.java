package dev.dspm.scanner.manus;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.dspm.scanner.SettingsReader;

/** The API client and its shared rate limiter, from {@code dspm.api.*} and the MANUS_ASSET_* keys. */
@Configuration(proxyBeanMethods = false)
public class ManusConfiguration {

    public static ApiSettings apiSettings(Environment environment) {
        SettingsReader settings = new SettingsReader(environment);
        return new ApiSettings(
                settings.uri(ApiSettings.BASE_URL_PROPERTY, ApiSettings.DEFAULT_BASE_URL.toString()),
                settings.decimal(ApiSettings.MAX_REQUESTS_PER_SECOND_PROPERTY, ApiSettings.DEFAULT_MAX_REQUESTS_PER_SECOND),
                settings.duration(ApiSettings.CONNECT_TIMEOUT_PROPERTY, ApiSettings.DEFAULT_CONNECT_TIMEOUT),
                settings.duration(ApiSettings.READ_TIMEOUT_PROPERTY, ApiSettings.DEFAULT_READ_TIMEOUT),
                settings.integer(ApiSettings.MAX_ATTEMPTS_PROPERTY, ApiSettings.DEFAULT_MAX_ATTEMPTS),
                settings.duration(ApiSettings.INITIAL_BACKOFF_PROPERTY, ApiSettings.DEFAULT_INITIAL_BACKOFF),
                settings.duration(ApiSettings.MAX_BACKOFF_PROPERTY, ApiSettings.DEFAULT_MAX_BACKOFF))
                .validate();
    }

    @Bean
    ApiSettings manusApiSettings(Environment environment) {
        return apiSettings(environment);
    }

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
