package dev.dspm.scanner.simulator;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Asset and member names: plausible ones per type, and hostile ones that probe every consumer of the name.
 * Every name is one of a few thousand built once, so a million shares share String instances (and
 * their lower-case forms) instead of holding a million copies: start-up stays out of long GC pauses.
 */
final class NamePool {

    /** The names a report writer, a spreadsheet or a terminal could be attacked or broken with. */
    static final List<String> HOSTILE = List.of(
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "=HYPERLINK(\"http://evil\",\"x\")",
            "+cmd|' /C calc'!A0",
            "@SUM(1)",
            "-1+1",
            "bell\u0007ring.txt",
            "tab\tseparated\tname.csv",
            "line one\r\nline two",
            "\u001b[31mred alert\u001b[0m",
            ("Quarterly report final FINAL v7 ").repeat(100).substring(0, 3000),
            "invoice_\u202Egpj.exe",
            "تقرير الربع الثالث.pdf",
            "דוח רבעוני.xlsx",
            "第三季度财务报告.docx",
            "\uD83D\uDE80 launch plan \uD83C\uDF89.pptx",
            "quote \" and backslash \\ name",
            "line\u2028separator\u2029paragraph");

    private static final List<String> FILE_STEMS = List.of(
            "Q1 board deck", "Q2 board deck", "Q3 board deck", "Q4 board deck", "customer-export-2026-03",
            "customer-export-2025-11", "payroll_2026_01", "employee salaries", "Architecture diagram",
            "contract-acme-signed", "passwords", "api-keys-backup", "Onboarding checklist", "roadmap 2027",
            "invoice-10442", "team photo", "security audit findings", "customer list", "pricing model",
            "churn analysis", "release notes", "SOC2 evidence", "incident postmortem", "org chart");
    private static final List<String> EXTENSIONS = List.of(
            ".pdf", ".csv", ".xlsx", ".docx", ".pptx", ".png", ".md", ".txt", ".zip");
    private static final List<String> SESSION_NAMES = List.of(
            "Research: competitor pricing", "Draft Q3 board memo", "Onboarding checklist",
            "Summarize customer interviews", "Debug failing CI pipeline", "Market sizing for EMEA",
            "Plan team offsite", "Analyze churn cohort", "Write job description for SRE",
            "Compare vendor contracts", "Translate release notes to German", "Customer export cleanup",
            "Review payroll discrepancies", "Prepare investor update");
    private static final List<String> SITE_NAMES = List.of(
            "Spring launch landing page", "Team offsite microsite", "Product docs preview", "Pricing calculator",
            "Internal status dashboard", "Hackathon 2026 showcase", "Customer portal prototype", "Careers page draft");
    private static final List<String> PROJECT_NAMES = List.of(
            "Project Atlas", "Customer success playbook", "Hiring pipeline 2026", "Security review Q2",
            "Board meeting prep", "Data migration plan", "Marketing campaign Q4", "M&A due diligence",
            "Onboarding revamp", "Vendor risk assessment");
    private static final List<String> FIRST_NAMES = List.of(
            "Ann", "Bob", "Carla", "Dmitri", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kofi", "Lena",
            "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sven", "Tomás", "Uma", "Viktor", "Wen", "Yara",
            "Zoë", "José", "Jürgen", "Åsa", "Chloé", "Søren");
    private static final List<String> LAST_NAMES = List.of(
            "Smith", "García", "Müller", "Okafor", "Nguyen", "Kowalski", "Rossi", "Yılmaz", "Andersson", "Silva",
            "Dubois", "Tanaka", "O'Brien", "Novák", "Haddad", "Ivanova", "Kim", "Patel", "Schmidt", "Costa");
    /** Full names in scripts a report must render right to left or without Latin letters. */
    private static final List<String> NON_LATIN_NAMES = List.of(
            "李伟", "王芳", "محمد علي", "فاطمة الزهراء", "דוד כהן", "Дмитрий Иванов", "Γιώργος Παπαδόπουλος",
            "佐藤 花子", "김민준", "अनीता शर्मा");
    /** Real libraries are full of near-duplicates: copies " (n)", versions " vN", drafts. */
    private static final List<String> VARIANTS = variants();

    /** Per type: [stem][variant][extension], extensions only for files. */
    private static final Map<ShareType, String[][][]> NAMES = new EnumMap<>(ShareType.class);
    private static final Map<String, String> LOWER_CASE = new IdentityHashMap<>();

    static {
        for (ShareType type : ShareType.values()) {
            List<String> stems = stems(type);
            List<String> extensions = type == ShareType.FILE_SHARE ? EXTENSIONS : List.of("");
            String[][][] names = new String[stems.size()][VARIANTS.size()][extensions.size()];
            for (int s = 0; s < stems.size(); s++) {
                for (int v = 0; v < VARIANTS.size(); v++) {
                    for (int e = 0; e < extensions.size(); e++) {
                        names[s][v][e] = stems.get(s) + VARIANTS.get(v) + extensions.get(e);
                        LOWER_CASE.put(names[s][v][e], names[s][v][e].toLowerCase(Locale.ROOT));
                    }
                }
            }
            NAMES.put(type, names);
        }
        HOSTILE.forEach(name -> LOWER_CASE.put(name, name.toLowerCase(Locale.ROOT)));
    }

    private NamePool() {
    }

    static String realistic(ShareType type, SplittableRandom random) {
        String[][][] names = NAMES.get(type);
        String[][] ofStem = names[random.nextInt(names.length)];
        String[] ofVariant = ofStem[variant(random)];
        return ofVariant[random.nextInt(ofVariant.length)];
    }

    /** A member's display name: mostly "First Last", about one in ten in a non-Latin script. */
    static String person(SplittableRandom random) {
        if (random.nextInt(10) == 0) {
            return NON_LATIN_NAMES.get(random.nextInt(NON_LATIN_NAMES.size()));
        }
        return FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size())) + " "
                + LAST_NAMES.get(random.nextInt(LAST_NAMES.size()));
    }

    /** The lower-cased form keyword filters compare with; shared for the pool's own names. */
    static String lowerCase(String name) {
        String lower = LOWER_CASE.get(name);
        return lower != null ? lower : name.toLowerCase(Locale.ROOT);
    }

    private static int variant(SplittableRandom random) {
        int roll = random.nextInt(10);
        if (roll < 6) {
            return 0;
        }
        if (roll < 8) {
            return random.nextInt(9) + 1;
        }
        return roll == 8 ? 10 + random.nextInt(8) : VARIANTS.size() - 1;
    }

    private static List<String> variants() {
        List<String> variants = new ArrayList<>();
        variants.add("");
        for (int n = 1; n <= 9; n++) {
            variants.add(" (" + n + ")");
        }
        for (int n = 2; n <= 9; n++) {
            variants.add(" v" + n);
        }
        variants.add(" - draft");
        return List.copyOf(variants);
    }

    private static List<String> stems(ShareType type) {
        return switch (type) {
            case FILE_SHARE -> FILE_STEMS;
            case SESSION_SHARE, SESSION_COLLABORATION -> SESSION_NAMES;
            case WEBSITE_PUBLISH -> SITE_NAMES;
            case PROJECT_SHARE -> PROJECT_NAMES;
        };
    }
}
