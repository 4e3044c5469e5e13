package dev.dspm.scanner.policy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One policy test of {@code policies/tests/*.yaml}: a share judged at {@code now}, the policies that must
 * fire on it and those that must not. {@code nothingFires} is {@code expect: []}: no policy at all may fire.
 */
record PolicyFixture(Path file, int line, String name, Instant now, Share share, List<String> expect,
        List<String> expectNot, boolean nothingFires) {

    /** {@code file:line}, where the test is written. */
    String where() {
        return file + ":" + line;
    }

    /** What is wrong with the policies that fired, or empty when the test passes. */
    Optional<String> failure(Set<String> fired) {
        List<String> wrong = new ArrayList<>();
        List<String> missing = expect.stream().filter(id -> !fired.contains(id)).toList();
        if (!missing.isEmpty()) {
            wrong.add("expected " + String.join(", ", missing) + " to fire");
        }
        List<String> unwanted = expectNot.stream().filter(fired::contains).toList();
        if (!unwanted.isEmpty()) {
            wrong.add("expected " + String.join(", ", unwanted) + " not to fire");
        }
        if (nothingFires && !fired.isEmpty()) {
            wrong.add("expected nothing to fire");
        }
        if (wrong.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join("; ", wrong) + "; fired " + fired.stream().sorted().toList());
    }
}
