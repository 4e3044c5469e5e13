package dev.dspm.scanner.policy;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dspm.policies.*}.
 *
 * @param dir the folder of {@code .drl} policies, {@code settings.yaml}, {@code exceptions.yaml} and the policy tests
 *            in {@code tests/}, read at every start so that a changed policy needs no rebuild
 */
@ConfigurationProperties("dspm.policies")
public record PolicyFolder(@DefaultValue("policies") Path dir) {
}
