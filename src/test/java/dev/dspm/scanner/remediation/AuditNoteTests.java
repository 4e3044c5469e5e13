package dev.dspm.scanner.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditNoteTests {

    @Test
    void namesTheToolTheRunThePolicyAndTheChange() {
        assertThat(AuditNote.of(null, 42, null, "public-file-share", "File shared by a public link", "PUBLIC", "TEAM_ONLY"))
                .isEqualTo("dspm-scanner run 42: policy public-file-share (File shared by a public link) PUBLIC -> TEAM_ONLY");
        assertThat(AuditNote.of("SEC-1234 security team", 43, AuditNote.approved(42), "p", "T", "TEAM_ONLY", "OWNER"))
                .isEqualTo("SEC-1234 security team dspm-scanner run 43 (plan of run 42, approved): policy p (T) TEAM_ONLY -> OWNER");
        assertThat(AuditNote.of(null, 44, AuditNote.reverting(43), "p", "T", "OWNER", "TEAM_ONLY"))
                .isEqualTo("dspm-scanner run 44 (reverting run 43): policy p (T) OWNER -> TEAM_ONLY");
    }

    @Test
    void nothingInItCanForgeALogLine() {
        String note = AuditNote.of("ops\r\nfake line", 7, null, "id\u2028x", "title\n2026-01-01 INFO forged\u202E", "PUBLIC", "OWNER");

        assertThat(note).doesNotContain("\n", "\r", "\u2028", "\u202E")
                .isEqualTo("ops fake line dspm-scanner run 7: policy id x (title 2026-01-01 INFO forged) PUBLIC -> OWNER");
    }

    @Test
    void everyBidiControlAndNoOtherCharacterIsBlanked() {
        assertThat(AuditNote.clean("a\u202Ab\u202Ec\u2066d\u2069e\u2029f")).isEqualTo("a b c d e f");
        assertThat(AuditNote.clean("\u2029\u2065\u206A\u2027\u202F\u2030")).isEqualTo("\u2065\u206A\u2027\u202F\u2030");
    }

    @Test
    void aTitleThatFitsExactlyIsKeptWhole() {
        String head = "dspm-scanner run 7: policy p";
        String change = " PUBLIC -> TEAM_ONLY";
        String title = "T".repeat(AuditNote.MAX_LENGTH - head.length() - change.length() - 3);
        assertThat(AuditNote.of(null, 7, null, "p", title, "PUBLIC", "TEAM_ONLY")).hasSize(AuditNote.MAX_LENGTH)
                .contains("(" + title + ")");
        assertThat(AuditNote.of(null, 7, null, "p", title + "T", "PUBLIC", "TEAM_ONLY")).hasSize(AuditNote.MAX_LENGTH)
                .contains("T\u2026)");
    }

    @Test
    void aPolicyIdThatLeavesNoRoomForTheTitleStillEndsAtTheLimit() {
        String note = AuditNote.of("p".repeat(200), 7, null, "x".repeat(270), "title", "PUBLIC", "TEAM_ONLY");
        assertThat(note).hasSize(AuditNote.MAX_LENGTH).doesNotContain("title");
        assertThat(AuditNote.of(null, 7, null, "x".repeat(446), "title", "PUBLIC", "TEAM_ONLY")).as("room for 4: three letters and …")
                .endsWith("(tit\u2026) PUBLIC -> TEAM_ONLY");
    }

    @Test
    void aLongTitleIsShortenedSoTheNoteKeepsItsChange() {
        String note = AuditNote.of("x".repeat(200), 7, null, "policy", "T".repeat(1_000), "PUBLIC", "TEAM_ONLY");

        assertThat(note).hasSize(AuditNote.MAX_LENGTH).endsWith("\u2026) PUBLIC -> TEAM_ONLY").contains("dspm-scanner run 7: policy policy (T");
    }
}
