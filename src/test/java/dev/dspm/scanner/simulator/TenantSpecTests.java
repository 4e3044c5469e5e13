package dev.dspm.scanner.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TenantSpecTests {

    @Test
    void realisticSizesAreUnevenAndNoneIsEmpty() {
        TenantSpec spec = TenantSpec.realistic(1, 5_000);

        assertThat(spec.sharesPerType().keySet()).containsExactlyElementsOf(Api.TYPES);
        assertThat(spec.sharesPerType().values()).allMatch(count -> count > 0).doesNotHaveDuplicates();
        assertThat(spec.sharesPerType().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(5_000);
        assertThat(spec.owners()).isEqualTo(200);
        assertThat(spec.publicShare()).isEqualTo(0.15);
        assertThat(spec.staleShare()).isEqualTo(0.03);
        assertThat(spec.hostileShare()).isEqualTo(0.02);
        assertThat(spec.unknownEnumShare()).isEqualTo(0.002);
    }

    @Test
    void smallTenantsStillHaveEveryTypeAndTwentyOwners() {
        TenantSpec spec = TenantSpec.realistic(1, 5);

        assertThat(spec.sharesPerType().values()).containsOnly(1);
        assertThat(spec.owners()).isEqualTo(20);
        assertThat(TenantSpec.realistic(1, 0).sharesPerType().values()).containsOnly(0);
    }

    @Test
    void exactCountsLeaveUnnamedTypesEmpty() {
        TenantSpec spec = TenantSpec.of(2, Map.of(Api.FILE, 2_000, Api.PROJECT, 0));

        assertThat(spec.sharesPerType()).containsEntry(Api.FILE, 2_000)
                .containsEntry(Api.PROJECT, 0)
                .containsEntry(Api.SESSION, 0)
                .hasSize(5);
    }

    @Test
    void refusesWhatCannotBeGenerated() {
        assertThatThrownBy(() -> TenantSpec.of(1, Map.of("FILE_SHARE", 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TenantSpec.of(1, Map.of(Api.FILE, -1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TenantSpec(1, Map.of(), 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TenantSpec(1, Map.of(), 1, 1.5, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TenantSpec.realistic(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
