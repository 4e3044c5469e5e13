package dev.dspm.scanner.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** The wrapper downloads Maven on a clean machine (CI, the image build): over HTTPS, and only the distribution it names. */
class MavenWrapperTests {

    @Test
    void theDistributionIsFetchedOverHttpsAndCheckedAgainstItsSha256() throws IOException {
        Properties wrapper = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(".mvn/wrapper/maven-wrapper.properties"))) {
            wrapper.load(in);
        }

        assertThat(wrapper.getProperty("distributionUrl")).startsWith("https://repo.maven.apache.org/maven2/");
        assertThat(wrapper.getProperty("distributionSha256Sum")).matches("[0-9a-f]{64}");
        assertThat(Files.readString(Path.of("mvnw"))).as("the script checks it").contains("distributionSha256Sum");
    }
}
