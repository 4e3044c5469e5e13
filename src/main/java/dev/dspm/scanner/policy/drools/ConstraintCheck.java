package dev.dspm.scanner.policy.drools;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one constraint of a pattern ({@code permission == ShareScope.PUBLIC, $context.matches("x", assetName)}) as a
 * list of tokens and refuses what is not a comparison of the facts' fields: a name outside {@link PolicyVocabulary},
 * a call on a type (a static call), {@code new}, an assignment, a block. Drools compiles a constraint to Java or MVEL
 * that runs inside the job, so this is the line between a policy and a program.
 */
final class ConstraintCheck {

    private static final String PUNCTUATION = ".,()[]!=<>&|+-*/%?:";

    private ConstraintCheck() {
    }

    /** Why {@code expression} is refused, or empty when it only reads facts. */
    static Optional<String> problem(String expression) {
        List<String> tokens = new ArrayList<>();
        Optional<String> unreadable = tokenize(expression, tokens);
        if (unreadable.isPresent()) {
            return unreadable;
        }
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            String previous = i > 0 ? tokens.get(i - 1) : "";
            String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
            Optional<String> problem = problem(token, previous, next, i > 1 ? tokens.get(i - 2) : "");
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> problem(String token, String previous, String next, String beforePrevious) {
        if (token.equals("=") || token.equals("++") || token.equals("--")) {
            return Optional.of("'" + token + "' changes a value; a policy only compares them (==, !=, <, >)");
        }
        if (token.equals("->") || token.equals("::")) {
            return Optional.of("'" + token + "' makes a function; a policy only compares the facts' fields");
        }
        if (token.equals("str") && next.equals("[")) {
            return Optional.of("the str[...] operator fails at run time in this Drools version "
                    + "(apache/incubator-kie-drools#6711); call the String method instead, e.g. ownerId.startsWith(\"ext-\")");
        }
        if (!Character.isJavaIdentifierStart(token.charAt(0)) || token.startsWith("$")) {
            return Optional.empty(); // a literal, an operator or a variable the rule bound
        }
        if (token.equals("new")) {
            return Optional.of("'new' makes an object; a policy only reads the facts");
        }
        if (previous.equals(".")) {
            if (PolicyVocabulary.type(beforePrevious)) {
                return PolicyVocabulary.constant(beforePrevious, token) && !next.equals("(") ? Optional.empty()
                        : Optional.of("'" + beforePrevious + "." + token + "' is not a constant of " + beforePrevious
                                + "; calls on a type (static calls) are not allowed");
            }
            return PolicyVocabulary.member(token) ? Optional.empty() : unknown(token);
        }
        if (PolicyVocabulary.type(token)) {
            return next.equals("(") ? Optional.of("'" + token + "(' makes an object; a policy only reads the facts") : Optional.empty();
        }
        return PolicyVocabulary.member(token) || PolicyVocabulary.operator(token) ? Optional.empty() : unknown(token);
    }

    private static Optional<String> unknown(String name) {
        return Optional.of("'" + name + "' is not a field or method of a fact (Share, RunContext, an owner) or an operator; "
                + "policies may read the facts only (see policies/README.md)");
    }

    /** Splits into names, numbers, string literals (kept whole) and punctuation runs; refuses any other character. */
    private static Optional<String> tokenize(String text, List<String> tokens) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '"' || c == '\'') {
                i++;
                while (i < text.length() && text.charAt(i) != c) {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                if (i >= text.length()) {
                    return Optional.of("a text literal is not closed");
                }
                i++;
            } else if (Character.isJavaIdentifierStart(c) || Character.isDigit(c)) {
                while (i < text.length() && (Character.isJavaIdentifierPart(text.charAt(i))
                        || Character.isDigit(c) && text.charAt(i) == '.')) {
                    i++;
                }
            } else if (PUNCTUATION.indexOf(c) >= 0) {
                // Only the pairs a comparison needs stay together; '=' alone, '++', '--' are then seen as such.
                i++;
                if (i < text.length() && isPair(c, text.charAt(i))) {
                    i++;
                }
            } else {
                return Optional.of("the character '" + (Character.isISOControl(c) ? "\\u%04x".formatted((int) c) : String.valueOf(c))
                        + "' has no use in a policy constraint");
            }
            tokens.add(text.substring(start, i));
        }
        return Optional.empty();
    }

    private static boolean isPair(char first, char second) {
        return second == '=' && "=!<>".indexOf(first) >= 0 || first == second && "&|+-".indexOf(first) >= 0
                || first == '-' && second == '>' || first == ':' && second == ':';
    }
}
