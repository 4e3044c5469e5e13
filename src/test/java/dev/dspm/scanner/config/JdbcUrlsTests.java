package dev.dspm.scanner.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcUrlsTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://db:5432/dspm?user=dspm&password=s3cret  | jdbc:postgresql://db:5432/dspm",
            "jdbc:postgresql://dspm:s3cret@db:5432/dspm                 | jdbc:postgresql://db:5432/dspm",
            "jdbc:h2:file:./data/dspm;USER=sa;PASSWORD=s3cret           | jdbc:h2:file:./data/dspm",
            "jdbc:postgresql://db1:5432,db2:5432/dspm                   | jdbc:postgresql://db1:5432,db2:5432/dspm"})
    void aUrlShownToAPersonKeepsServerAndDatabaseOnly(String url, String shown) {
        assertThat(JdbcUrls.withoutSecrets(url)).isEqualTo(shown);
    }

    @Test
    void noUrlIsSaidToBeUnset() {
        assertThat(JdbcUrls.withoutSecrets(null)).isEqualTo("(not set)");
    }
}
