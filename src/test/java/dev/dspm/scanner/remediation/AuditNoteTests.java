package dev.dspm.scanner.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditNoteTests {

    @Test
    void namesTheToolTheRunThePolicyAndTheChange() {
        assertThat(AuditNote.of(null, 42, null, "public-file-share", "File shared by a public link", "PUBLIC", "TEAM_ONLY"))
                .isEqualTo("dspm-scanner run 42: policy public-file-share (File shared by a public link) PUBLIC -> TEAM_ONLY");
        assertThat(AuditNote.of("SEC-1234 security team", 43, 42L, "p", "T", "TEAM_ONLY", "OWNER"))
                .isEqualTo("SEC-1234 security team dspm-scanner run 43 (plan of run 42, approved): policy p (T) TEAM_ONLY -> OWNER");
    }

    @Test
    void nothingInItCanForgeALogLine() {
        String note = AuditNote.of("ops\r\nfake line", 7, null, "id\u2028x", "title\n2026-01-01 INFO forged\u202E", "PUBLIC", "OWNER");

        assertThat(note).doesNotContain("\n", "\r", "\u2028", "\u202E")
                .isEqualTo("ops fake line dspm-scanner run 7: policy id x (title 2026-01-01 INFO forged) PUBLIC -> OWNER");
    }

    @Test
    void aLongTitleIsShortenedSoTheNoteKeepsItsChange() {
        String note = AuditNote.of("x".repeat(200), 7, null, "policy", "T".repeat(1_000), "PUBLIC", "TEAM_ONLY");

        assertThat(note).hasSize(AuditNote.MAX_LENGTH).endsWith("\u2026) PUBLIC -> TEAM_ONLY").contains("dspm-scanner run 7: policy policy (T");
    }
}
