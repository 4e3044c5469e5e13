package dev.dspm.scanner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiCountsTests {

    @Test
    void sumsTheAttemptsByOutcomeOverOperations(@TempDir Path dir) throws Exception {
        Path metrics = Files.writeString(dir.resolve("metrics.prom"), """
                # HELP dspm_api_requests_total API attempts this process made
                # TYPE dspm_api_requests_total counter
                dspm_api_requests_total{operation="team.asset.list",outcome="200"} 130.0
                dspm_api_requests_total{operation="team.asset.list",outcome="429"} 22.0
                dspm_api_requests_total{operation="team.asset.list",outcome="503"} 13.0
                dspm_api_requests_total{operation="team.user.list",outcome="200"} 2.0
                dspm_api_requests_total{operation="team.asset.list",outcome="timeout"} 1.0
                dspm_api_retries_total{operation="team.asset.list"} 36.0
                """);

        assertThat(ApiCounts.read(metrics)).isEqualTo(new ApiCounts(168, 132, 22, 13));
    }
}
