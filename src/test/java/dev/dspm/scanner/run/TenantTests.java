package dev.dspm.scanner.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TenantTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "http://h:8080,              http://h:8080",
            "http://h:8080/,             http://h:8080",
            "HTTP://H:8080//,            http://h:8080",
            "http://localhost:41234,     http://localhost:41234",
            "http://127.0.0.1:41234/,    http://localhost:41234",
            "http://127.1.2.3:41234,     http://localhost:41234",
            "http://[::1]:41234,         http://localhost:41234",
            "https://api.manus.im:443/,  https://api.manus.im",
            "https://api.manus.im,       https://api.manus.im",
            "http://gateway:80/manus/,   http://gateway/manus",
            "https://gateway:8443/manus, https://gateway:8443/manus" })
    void oneTeamHasOneNameWhicheverWayItsUrlIsSpelt(String url, String tenant) {
        assertThat(Tenant.of(null, URI.create(url)).name()).isEqualTo(tenant);
    }

    @ParameterizedTest
    @CsvSource({ "https://api.manus.im, team-a", "http://127.0.0.1:1, team-a" })
    void aNamedTenantIsItsName(String url, String name) {
        assertThat(Tenant.of(name, URI.create(url)).name()).isEqualTo(name);
    }
}
