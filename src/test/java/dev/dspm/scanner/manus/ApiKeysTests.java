package dev.dspm.scanner.manus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.config.ConfigurationException;

class ApiKeysTests {

    @TempDir
    Path dir;

    /** The fingerprint a database keeps: the same key tells the same in one database, and nothing across two. */
    @Test
    void aKeysFingerprintIsSaltedPerDatabaseAndIsNotAPlainHashOfTheKey() throws Exception {
        ApiKey key = ApiKeys.load(Map.of("MANUS_ASSET_AUDIT_KEY", "audit-1")::get).readKey();
        ApiKey other = ApiKeys.load(Map.of("MANUS_ASSET_AUDIT_KEY", "audit-2")::get).readKey();
        String unsalted = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("dspm-scanner key fingerprint\0audit-1".getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0, 8);

        assertThat(key.fingerprint("salt-a")).hasSize(16).isEqualTo(key.fingerprint("salt-a"))
                .isNotEqualTo(key.fingerprint("salt-b")).isNotEqualTo(other.fingerprint("salt-a")).isNotEqualTo(unsalted)
                .doesNotContain("audit-1");
    }

    @Test
    void auditKeyIsPreferredForReadingAndMgmtKeyIsTheWriteKey() {
        ApiKeys keys = ApiKeys.load(Map.of("MANUS_ASSET_AUDIT_KEY", "audit-1", "MANUS_ASSET_MGMT_KEY", "mgmt-1")::get);

        assertThat(keys.readKeyType()).isEqualTo(KeyType.AUDIT);
        assertThat(keys.readKey().secret()).isEqualTo("audit-1");
        assertThat(keys.writeKey()).map(ApiKey::secret).contains("mgmt-1");
        assertThat(keys.writeKey()).map(ApiKey::type).contains(KeyType.MGMT);
    }

    @Test
    void mgmtKeyReadsWhenNoAuditKeyIsSet() {
        ApiKeys keys = ApiKeys.load(Map.of("MANUS_ASSET_MGMT_KEY", "mgmt-1", "MANUS_ASSET_AUDIT_KEY", "  ")::get);

        assertThat(keys.readKeyType()).isEqualTo(KeyType.MGMT);
        assertThat(keys.readKey().secret()).isEqualTo("mgmt-1");
    }

    @Test
    void auditOnlyHasNoWriteKey() {
        assertThat(ApiKeys.load(Map.of("MANUS_ASSET_AUDIT_KEY", "audit-1")::get).writeKey()).isEmpty();
    }

    @Test
    void keyFilesAreReadAndTrimmed() throws Exception {
        Path audit = Files.writeString(dir.resolve("audit"), "  audit-from-file\n");
        Path mgmt = Files.writeString(dir.resolve("mgmt"), "mgmt-from-file\r\n");

        ApiKeys keys = ApiKeys.load(Map.of("MANUS_ASSET_AUDIT_KEY_FILE", audit.toString(),
                "MANUS_ASSET_MGMT_KEY_FILE", mgmt.toString())::get);

        assertThat(keys.readKey().secret()).isEqualTo("audit-from-file");
        assertThat(keys.writeKey()).map(ApiKey::secret).contains("mgmt-from-file");
    }

    @Test
    void valueAndFileTogetherIsAnErrorNamingBoth() throws Exception {
        Path file = Files.writeString(dir.resolve("k"), "x");
        assertThatThrownBy(() -> ApiKeys.load(Map.of("MANUS_ASSET_MGMT_KEY", "m", "MANUS_ASSET_MGMT_KEY_FILE",
                file.toString())::get))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("MANUS_ASSET_MGMT_KEY ")
                .hasMessageContaining("MANUS_ASSET_MGMT_KEY_FILE");
    }

    @Test
    void missingFileNamesVariableAndPath() {
        String path = dir.resolve("absent").toString();
        assertThatThrownBy(() -> ApiKeys.load(Map.of("MANUS_ASSET_AUDIT_KEY_FILE", path)::get))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("MANUS_ASSET_AUDIT_KEY_FILE")
                .hasMessageContaining(path);
    }

    @Test
    void emptyFileNamesVariableAndPath() throws Exception {
        Path file = Files.writeString(dir.resolve("empty"), " \n");
        assertThatThrownBy(() -> ApiKeys.load(Map.of("MANUS_ASSET_AUDIT_KEY_FILE", file.toString())::get))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("MANUS_ASSET_AUDIT_KEY_FILE")
                .hasMessageContaining(file.toString())
                .hasMessageContaining("empty");
    }

    @Test
    void unusableKeyContentIsRejectedWithoutShowingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("two-lines"), "secret-part-one\nsecret-part-two\n");
        assertThatThrownBy(() -> ApiKeys.load(Map.of("MANUS_ASSET_MGMT_KEY_FILE", file.toString())::get))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("MANUS_ASSET_MGMT_KEY_FILE")
                .message().doesNotContain("secret-part");
    }

    @Test
    void aKeyMayHoldAnyPrintableAsciiButNothingElse() {
        assertThat(ApiKeys.load(Map.of("MANUS_ASSET_AUDIT_KEY", "!key~")::get).readKey().secret()).isEqualTo("!key~");
        for (String bad : new String[] { "key with space", "key\u007f", "key\u00e9" }) {
            assertThatThrownBy(() -> ApiKeys.load(Map.of("MANUS_ASSET_AUDIT_KEY", bad)::get))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("MANUS_ASSET_AUDIT_KEY")
                    .message().doesNotContain("key with", "key\u007f", "key\u00e9");
        }
    }

    @Test
    void noKeyAtAllFailsWhenAKeyIsNeededWithTheDocumentedMessage() {
        ApiKeys keys = ApiKeys.load(Map.<String, String>of()::get);

        assertThat(keys.writeKey()).isEmpty();
        assertThatThrownBy(keys::readKey)
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("no API key: set MANUS_ASSET_AUDIT_KEY (read-only, recommended) or MANUS_ASSET_MGMT_KEY,"
                        + " or their _FILE variants");
    }

    @Test
    void toStringsNeverShowTheSecret() {
        ApiKeys keys = ApiKeys.load(
                Map.of("MANUS_ASSET_AUDIT_KEY", "audit-XYZ", "MANUS_ASSET_MGMT_KEY", "mgmt-XYZ")::get);
        ManusClient client = new ManusClient(ApiSettings.defaults(), keys, new AdaptiveRateLimiter(5));

        assertThat(keys.readKey()).hasToString("ApiKey[AUDIT, ****]");
        assertThat(keys.writeKey().orElseThrow()).hasToString("ApiKey[MGMT, ****]");
        assertThat(keys.toString()).isEqualTo("ApiKeys[audit=set, mgmt=set, user=unset]");
        assertThat(client.toString()).doesNotContain("XYZ").contains("https://api.manus.im");
    }

    @Test
    void theUserManagementKeyIsOptionalAndNeverReadsOrWritesAssets() throws Exception {
        assertThat(ApiKeys.load(Map.of("MANUS_ASSET_AUDIT_KEY", "a")::get).userKey()).isEmpty();

        ApiKeys onlyUser = ApiKeys.load(Map.of("MANUS_USER_MGMT_KEY", "user-XYZ")::get);
        assertThat(onlyUser.userKey()).hasValueSatisfying(key -> {
            assertThat(key.type()).isEqualTo(KeyType.USER_MGMT);
            assertThat(key.secret()).isEqualTo("user-XYZ");
            assertThat(key).hasToString("ApiKey[USER_MGMT, ****]");
        });
        assertThat(onlyUser.writeKey()).isEmpty();
        assertThatThrownBy(onlyUser::readKey).isInstanceOf(ConfigurationException.class);
        assertThat(onlyUser.toString()).isEqualTo("ApiKeys[audit=unset, mgmt=unset, user=set]");

        Path file = Files.writeString(dir.resolve("user-key"), "  user-from-file\n");
        assertThat(ApiKeys.load(Map.of("MANUS_USER_MGMT_KEY_FILE", file.toString())::get).userKey().orElseThrow().secret())
                .isEqualTo("user-from-file");
        assertThatThrownBy(() -> ApiKeys.load(
                Map.of("MANUS_USER_MGMT_KEY", "user-XYZ", "MANUS_USER_MGMT_KEY_FILE", file.toString())::get))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("MANUS_USER_MGMT_KEY").hasMessageContaining("MANUS_USER_MGMT_KEY_FILE")
                .message().doesNotContain("user-XYZ", "user-from-file");
        assertThatThrownBy(() -> ApiKeys.load(Map.of("MANUS_USER_MGMT_KEY", "user XYZ")::get))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("MANUS_USER_MGMT_KEY")
                .message().doesNotContain("user XYZ");
    }

    @Test
    void equalityComparesSecretsButHashRevealsOnlyTheType() {
        ApiKey a = new ApiKey(KeyType.AUDIT, "same");
        assertThat(a).isEqualTo(new ApiKey(KeyType.AUDIT, "same"))
                .isNotEqualTo(new ApiKey(KeyType.AUDIT, "other"))
                .isNotEqualTo(new ApiKey(KeyType.MGMT, "same"));
        assertThat(a.hashCode()).isEqualTo(new ApiKey(KeyType.AUDIT, "other").hashCode());
    }
}
