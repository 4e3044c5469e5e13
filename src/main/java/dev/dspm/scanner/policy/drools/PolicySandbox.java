package dev.dspm.scanner.policy.drools;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

import dev.dspm.scanner.policy.Findings;

/**
 * The policy language is the declarative part of DRL the pack needs, checked on the parsed file before Drools compiles
 * it (compiling alone runs code: Drools evaluates annotation values with MVEL). A rule matches {@code Share} and
 * {@code RunContext} patterns, combined with and, or, not and exists, each constraint read by {@link ConstraintCheck};
 * its consequence is exactly {@code findings.report(kcontext, $share);} or nothing. Functions, queries, declared types,
 * eval, from, accumulate, collect, forall, rule attributes, other globals and other imports are refused at their line:
 * a policy file reviewed as configuration must not be able to act as a program holding the job's keys.
 */
final class PolicySandbox {

    private static final Set<String> ANNOTATIONS = Set.of("id", "title", "severity", "recommendedScope", "autoRemediate",
            "requiresOwner", "rationale");
    private static final Pattern REPORT = Pattern.compile("findings\\s*\\.\\s*report\\s*\\(\\s*kcontext\\s*,\\s*(\\$[\\w]+)\\s*\\)\\s*;?");
    /** An annotation value MVEL evaluates to itself: one text literal without escapes, or a bare word. */
    private static final Pattern PLAIN_VALUE = Pattern.compile("\"[^\"\\\\]*\"|[\\w.-]+");
    private static final Pattern COMMENTS = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);

    private final Path file;
    private final List<String> lines;
    private final List<String> problems;

    private PolicySandbox(Path file, String text, List<String> problems) {
        this.file = file;
        this.lines = text.lines().toList();
        this.problems = problems;
    }

    /**
     * Adds a line to {@code problems} per syntax error of {@code text}, or else per construct outside the policy language.
     * A file that does not parse is not compiled at all: Drools would build the rules it could recover.
     */
    static void check(Path file, String text, List<String> problems) {
        DrlParser parser = new DrlParser();
        PackageDescr pack;
        try {
            pack = parser.parse(false, text);
        } catch (DroolsParserException e) {
            problems.add(file + ": " + e.getMessage());
            return;
        }
        if (parser.hasErrors() || pack == null) {
            parser.getErrors().forEach(error -> problems.add(file + (error.getLines().length > 0 && error.getLines()[0] > 0
                    ? ":" + error.getLines()[0] : "") + ": " + error.getMessage().replaceAll("\\s+", " ").strip()));
            return;
        }
        new PolicySandbox(file, text, problems).check(pack);
    }

    private void check(PackageDescr pack) {
        pack.getImports().stream().filter(i -> !PolicyVocabulary.importable(i.getTarget()))
                .forEach(i -> refuse(i, "import " + i.getTarget() + ": policies may import only "
                        + PolicyVocabulary.TYPES.values().stream().map(Class::getName).sorted().toList()));
        for (GlobalDescr global : pack.getGlobals()) {
            if (!global.getIdentifier().equals(Findings.GLOBAL) || !global.getType().equals(Findings.class.getName())) {
                refuse(global, "global " + global.getType() + " " + global.getIdentifier() + ": the only global is "
                        + Findings.class.getName() + " " + Findings.GLOBAL);
            }
        }
        pack.getFunctions().forEach(f -> refuse(f, "function " + f.getName() + ": policies cannot declare functions"));
        pack.getFunctionImports().forEach(f -> refuse(f, "import function: policies cannot call functions"));
        pack.getAccumulateImports().forEach(a -> refuse(a, "import accumulate: policies cannot add accumulate functions"));
        pack.getClassAndEnumDeclarationDescrs().forEach(d -> refuse(d, "declare " + d.getTypeName() + ": policies cannot declare types"));
        pack.getEntryPointDeclarations().forEach(e -> refuse(e, "entry points are not part of the policy language"));
        pack.getWindowDeclarations().forEach(w -> refuse(w, "windows are not part of the policy language"));
        pack.getAttributes().forEach(a -> refuse(a, a.getName() + ": package attributes are not part of the policy language"));
        if (pack.getUnit() != null) {
            refuse(pack.getUnit(), "rule units are not part of the policy language");
        }
        pack.getRules().forEach(this::check);
    }

    private void check(RuleDescr rule) {
        String name = "rule \"" + rule.getName() + "\": ";
        if (rule.isQuery()) {
            refuse(rule, "query \"" + rule.getName() + "\": queries are not part of the policy language");
            return;
        }
        rule.getAttributes().values().forEach(attribute -> refuse(attribute.getLine() > 0 ? attribute : rule,
                name + attribute.getName() + ": rule attributes are not part of the policy language"));
        for (AnnotationDescr annotation : rule.getAnnotations()) {
            if (!ANNOTATIONS.contains(annotation.getName())) {
                refuse(lineOf("@" + annotation.getName(), rule.getLine()), name + "@" + annotation.getName() + " is not one of " + ANNOTATIONS.stream().sorted().toList());
            } else if (annotation.getValueMap().values().stream().anyMatch(v -> !PLAIN_VALUE.matcher(String.valueOf(v).strip()).matches())) {
                refuse(lineOf("@" + annotation.getName(), rule.getLine()), name + "@" + annotation.getName() + "(...) must be one quoted text or one word");
            }
        }
        if (!rule.getNamedConsequences().isEmpty()) {
            refuse(rule, name + "named consequences are not part of the policy language");
        }
        Set<String> shares = new HashSet<>();
        conditions(rule.getLhs(), name, shares, true);
        consequence(rule, name, shares);
    }

    /** {@code shares}: the variables bound to a Share the consequence may report (not those under not or exists). */
    private void conditions(BaseDescr element, String name, Set<String> shares, boolean reportable) {
        if (element instanceof AndDescr || element instanceof OrDescr) {
            ((ConditionalElementDescr) element).getDescrs().forEach(d -> conditions(d, name, shares, reportable));
        } else if (element instanceof NotDescr || element instanceof ExistsDescr) {
            ((ConditionalElementDescr) element).getDescrs().forEach(d -> conditions(d, name, shares, false));
        } else if (element instanceof PatternDescr pattern) {
            pattern(pattern, name, shares, reportable);
        } else {
            refuse(element, name + keyword(element) + " is not part of the policy language; match Share and RunContext facts "
                    + "with and, or, not and exists");
        }
    }

    private void pattern(PatternDescr pattern, String name, Set<String> shares, boolean reportable) {
        String type = pattern.getObjectType();
        Class<?> fact = PolicyVocabulary.FACTS.get(type.substring(type.lastIndexOf('.') + 1));
        if (fact == null || type.contains(".") && !type.equals(fact.getName())) {
            refuse(pattern, name + "a pattern of " + type + ": rules match " + PolicyVocabulary.FACTS.keySet().stream().sorted().toList());
            return;
        }
        if (pattern.getSource() != null) {
            refuse(pattern, name + keyword(pattern.getSource()) + " is not part of the policy language; facts come from the run");
        }
        if (!pattern.getAnnotations().isEmpty()) {
            refuse(pattern, name + "annotations on a pattern are not part of the policy language");
        }
        if (reportable && pattern.getIdentifier() != null && fact.getSimpleName().equals("Share")) {
            shares.add(pattern.getIdentifier());
        }
        for (BaseDescr constraint : pattern.getDescrs()) {
            String expression = constraint instanceof ExprConstraintDescr e ? e.getExpression()
                    : constraint instanceof BindingDescr b ? b.getExpression() : null;
            Optional<String> problem = expression == null ? Optional.of(keyword(constraint) + " is not a constraint")
                    : ConstraintCheck.problem(expression);
            problem.ifPresent(why -> refuse(constraint.getLine() > 0 ? constraint : pattern, name + why));
        }
    }

    private void consequence(RuleDescr rule, String name, Set<String> shares) {
        String text = rule.getConsequence() == null ? "" : rule.getConsequence().toString();
        String code = COMMENTS.matcher(text).replaceAll("").strip();
        if (code.isEmpty()) {
            return;
        }
        var report = REPORT.matcher(code);
        // Drools gives the line of "then" (the annotations' lines, not at all): the line is found in the file.
        int line = lineOf(code.lines().findFirst().orElse(code), Math.max(rule.getConsequenceLine(), rule.getLine()));
        if (!report.matches()) {
            refuse(line, name + "the consequence must be exactly findings.report(kcontext, $share); (or nothing), not code");
        } else if (!shares.contains(report.group(1))) {
            refuse(line, name + report.group(1) + " is not a Share this rule matched; report the Share pattern's variable");
        }
    }

    /** The first line from {@code from} on that holds {@code text}, or {@code from}. */
    private int lineOf(String text, int from) {
        for (int i = Math.max(from, 1); i <= lines.size(); i++) {
            if (lines.get(i - 1).contains(text)) {
                return i;
            }
        }
        return from;
    }

    private static String keyword(BaseDescr element) {
        return element.getClass().getSimpleName().replace("Descr", "").toLowerCase(Locale.ROOT);
    }

    private void refuse(BaseDescr where, String why) {
        refuse(where == null ? 0 : where.getLine(), why);
    }

    private void refuse(int line, String why) {
        problems.add(file + (line > 0 ? ":" + line : "") + ": " + why);
    }
}
