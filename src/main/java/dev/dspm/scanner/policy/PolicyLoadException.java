package dev.dspm.scanner.policy;

import java.util.List;

/** The policies cannot be used: one line per problem, each naming the file (and line, or rule) to fix. */
public class PolicyLoadException extends RuntimeException {

    private final List<String> problems;

    public PolicyLoadException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
