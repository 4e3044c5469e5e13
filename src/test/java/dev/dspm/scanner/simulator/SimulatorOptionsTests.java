package dev.dspm.scanner.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SimulatorOptionsTests {

    @Test
    void readsEveryOption() {
        SimulatorOptions options = SimulatorOptions.parse("--shares=1000000", "--seed=42", "--port=8089",
                "--rate-limit=12.5", "--burst=40", "--shed-429-every=7", "--shed-503-every=11", "--ignore-stdin");

        assertThat(options).isEqualTo(new SimulatorOptions(1_000_000, 42, 8089, 12.5, 40, 7, 11, true));
    }

    @Test
    void defaultsToAnEphemeralPortNoLimitAndOneSecondOfBurst() {
        assertThat(SimulatorOptions.parse()).isEqualTo(new SimulatorOptions(10_000, 42, 0, 0, 1, 0, 0, false));
        assertThat(SimulatorOptions.parse("--rate-limit=12.5").burst()).isEqualTo(13);
    }

    @Test
    void refusesUnknownOrBadOptions() {
        assertThatThrownBy(() -> SimulatorOptions.parse("--share=5")).hasMessageContaining("--share=5");
        assertThatThrownBy(() -> SimulatorOptions.parse("--port=70000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorOptions.parse("--seed=x")).hasMessageContaining("--seed=x");
        assertThatThrownBy(() -> SimulatorOptions.parse("--shed-429-every=-1")).isInstanceOf(IllegalArgumentException.class);
    }
}
