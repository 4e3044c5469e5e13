package dev.dspm.scanner;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

import dev.dspm.scanner.policy.PolicyRule;
import dev.dspm.scanner.policy.drools.PolicyLoader;
import dev.dspm.scanner.policy.drools.PolicyPack;
import dev.dspm.scanner.policy.waiver.Waivers;

/**
 * The policy pack compiled and trial-run, and its waivers read, on a thread of their own: the Drools compile is a
 * third of the start-up's CPU and needs neither the context nor the database, so it runs on the second core while the
 * main thread checks the settings and builds the context. {@link #await()} is the one place its outcome is known:
 * whatever needs the pack, or the database ({@link PoliciesBeforeDatabase}), waits there, and a broken
 * policy or waiver is thrown there as the {@link dev.dspm.scanner.policy.PolicyLoadException} it was.
 */
final class CompiledPolicies {

    record Loaded(PolicyPack pack, Waivers waivers) {
    }

    private final CompletableFuture<Loaded> loaded;

    private CompiledPolicies(CompletableFuture<Loaded> loaded) {
        this.loaded = loaded;
    }

    /** Starts compiling the policies of {@code dir}; returns at once. */
    static CompiledPolicies start(Path dir) {
        CompletableFuture<Loaded> loaded = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                PolicyPack pack = PolicyLoader.load(dir);
                loaded.complete(new Loaded(pack, Waivers.load(dir, pack.rules().stream().map(PolicyRule::id).collect(Collectors.toSet()))));
            } catch (Throwable e) {
                loaded.completeExceptionally(e);
            }
        }, "policy-compile");
        // A run refused for a bad setting exits without waiting for a compile nobody will use.
        thread.setDaemon(true);
        thread.start();
        return new CompiledPolicies(loaded);
    }

    /** A folder setting that could not even be bound: thrown, as it was, by the first {@link #await()}. */
    static CompiledPolicies failed(RuntimeException failure) {
        return new CompiledPolicies(CompletableFuture.failedFuture(failure));
    }

    /** Waits for the compile to end, however it ends; throws nothing. */
    void settle() {
        loaded.handle((pack, failure) -> null).join();
    }

    /** Waits for the compile; throws what it threw, unwrapped, so that a broken policy stays exit 2. */
    Loaded await() {
        try {
            return loaded.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
