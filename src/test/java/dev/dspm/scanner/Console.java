package dev.dspm.scanner;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** Runs the application in-process while capturing what it prints, as a person at the terminal sees it. */
public final class Console {

    /** The exit code and what was printed; {@code out} and {@code err} are kept apart. */
    public record Captured(int exit, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    private Console() {
    }

    public static Captured capture(Callable<Integer> run) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = run.call();
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Captured(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
