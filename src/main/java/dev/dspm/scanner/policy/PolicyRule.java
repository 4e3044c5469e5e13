package dev.dspm.scanner.policy;

import java.nio.file.Path;
import java.util.Optional;

import dev.dspm.scanner.manus.ShareScope;

/**
 * What a rule's metadata says about the findings it emits: everything the report and remediation need,
 * written in the {@code .drl} file beside the rule, so a new policy needs no Java. {@code requiresOwner}
 * ({@code @requiresOwner(true)}, optional) marks a rule that judges the share's owner: only a run that listed the
 * owners completely may resolve its findings.
 */
public record PolicyRule(String id, String title, Severity severity, Optional<ShareScope> recommendedScope,
        boolean autoRemediate, boolean requiresOwner, String rationale, Path file, int line) {
}
