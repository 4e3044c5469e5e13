package dev.dspm.scanner.simulator;

import java.util.List;
import java.util.SplittableRandom;

/** Asset names: plausible ones per type, and hostile ones that probe every consumer of the name. */
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

    private NamePool() {
    }

    static String realistic(ShareType type, SplittableRandom random) {
        return switch (type) {
            case FILE_SHARE -> pick(FILE_STEMS, random) + variant(random) + pick(EXTENSIONS, random);
            case SESSION_SHARE, SESSION_COLLABORATION -> pick(SESSION_NAMES, random) + variant(random);
            case WEBSITE_PUBLISH -> pick(SITE_NAMES, random) + variant(random);
            case PROJECT_SHARE -> pick(PROJECT_NAMES, random) + variant(random);
        };
    }

    /** Real libraries are full of near-duplicates: copies, versions, drafts. */
    private static String variant(SplittableRandom random) {
        int roll = random.nextInt(10);
        if (roll < 6) {
            return "";
        }
        if (roll < 8) {
            return " (" + (1 + random.nextInt(9)) + ")";
        }
        return roll == 8 ? " v" + (2 + random.nextInt(8)) : " - draft";
    }

    private static String pick(List<String> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }
}
