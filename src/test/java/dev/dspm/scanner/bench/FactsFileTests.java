package dev.dspm.scanner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.policy.Share;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/** The facts file gives back every share of the tenant, in order, batch by batch, absent fields included. */
class FactsFileTests {

    @TempDir
    Path dir;

    @Test
    void readsBackEveryShareInBatches() throws Exception {
        SimulatedTenant tenant = SimulatedTenant.generate(TenantSpec.realistic(7, 2_500));
        List<Share> expected = new ArrayList<>();
        for (AssetType type : AssetType.values()) {
            tenant.listed(type.wireName()).forEach(listed -> expected.add(Facts.share(listed)));
        }
        Path file = dir.resolve("facts.bin");

        assertThat(FactsFile.write(tenant, file)).isEqualTo(2_500);

        List<Share> read = new ArrayList<>();
        List<Integer> batches = new ArrayList<>();
        try (FactsFile.Reader reader = FactsFile.read(file)) {
            assertThat(reader.count()).isEqualTo(2_500);
            for (List<Share> batch = reader.next(1_000); !batch.isEmpty(); batch = reader.next(1_000)) {
                batches.add(batch.size());
                read.addAll(batch);
            }
        }
        assertThat(batches).containsExactly(1_000, 1_000, 500);
        assertThat(read).isEqualTo(expected);
        assertThat(read).anyMatch(share -> share.sessionId() == null).anyMatch(share -> share.assetName().length() > 1_000);
    }
}
