package dev.dspm.scanner.manus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.dspm.scanner.config.ConfigurationException;

/**
 * The keys this run holds. Scanning uses the audit key when there is one (read-only, least
 * privilege) and falls back to the management key; only {@code update_scope} needs the management key.
 * The optional user management key serves {@code team.user.list} alone, and no asset call ever uses it.
 */
public final class ApiKeys {

    public static final String AUDIT_KEY_ENV = "MANUS_ASSET_AUDIT_KEY";
    public static final String AUDIT_KEY_FILE_ENV = "MANUS_ASSET_AUDIT_KEY_FILE";
    public static final String MGMT_KEY_ENV = "MANUS_ASSET_MGMT_KEY";
    public static final String MGMT_KEY_FILE_ENV = "MANUS_ASSET_MGMT_KEY_FILE";
    public static final String USER_KEY_ENV = "MANUS_USER_MGMT_KEY";
    public static final String USER_KEY_FILE_ENV = "MANUS_USER_MGMT_KEY_FILE";

    private final ApiKey audit;
    private final ApiKey mgmt;
    private final String auditSource;
    private final String mgmtSource;
    private final ApiKey user;

    private ApiKeys(ApiKey audit, String auditSource, ApiKey mgmt, String mgmtSource, ApiKey user) {
        this.audit = audit;
        this.mgmt = mgmt;
        this.auditSource = auditSource;
        this.mgmtSource = mgmtSource;
        this.user = user;
    }

    /**
     * Reads the six variables through {@code env} (e.g. {@code System::getenv}). Finding no key at all
     * is not an error here: a plan-only run may fail later, in {@link #readKey()}, with a clearer message.
     */
    public static ApiKeys load(Function<String, String> env) {
        return new ApiKeys(
                read(env, KeyType.AUDIT, AUDIT_KEY_ENV, AUDIT_KEY_FILE_ENV), source(env, AUDIT_KEY_ENV, AUDIT_KEY_FILE_ENV),
                read(env, KeyType.MGMT, MGMT_KEY_ENV, MGMT_KEY_FILE_ENV), source(env, MGMT_KEY_ENV, MGMT_KEY_FILE_ENV),
                read(env, KeyType.USER_MGMT, USER_KEY_ENV, USER_KEY_FILE_ENV));
    }

    /** The key for {@code team.asset.list}: the audit key if set, else the management key. */
    public ApiKey readKey() {
        if (audit != null) {
            return audit;
        }
        if (mgmt != null) {
            return mgmt;
        }
        throw new ConfigurationException("no API key: set " + AUDIT_KEY_ENV + " (read-only, recommended) or "
                + MGMT_KEY_ENV + ", or their _FILE variants");
    }

    public KeyType readKeyType() {
        return readKey().type();
    }

    /**
     * Where the read key came from, e.g. {@code MANUS_ASSET_AUDIT_KEY_FILE}. Nothing in an answer tells a
     * key's type, so log lines name the variable rather than claim a type.
     */
    public String readKeySource() {
        readKey();
        return audit != null ? auditSource : mgmtSource;
    }

    /** The key for {@code team.asset.update_scope}, when the management key is set. */
    public Optional<ApiKey> writeKey() {
        return Optional.ofNullable(mgmt);
    }

    /** Where the management key came from, e.g. {@code MANUS_ASSET_MGMT_KEY_FILE}. */
    public String writeKeySource() {
        return mgmtSource;
    }

    /** The key for {@code team.user.list}, when the Team User Management key is set. */
    public Optional<ApiKey> userKey() {
        return Optional.ofNullable(user);
    }

    /** Masks every key set here wherever a server repeats one. */
    KeyEcho echo() {
        return new KeyEcho(Stream.of(audit, mgmt, user).filter(Objects::nonNull).map(ApiKey::secret).toList());
    }

    @Override
    public String toString() {
        return "ApiKeys[audit=" + state(audit) + ", mgmt=" + state(mgmt) + ", user=" + state(user) + "]";
    }

    private static String state(ApiKey key) {
        return key != null ? "set" : "unset";
    }

    private static ApiKey read(Function<String, String> env, KeyType type, String valueVar, String fileVar) {
        String value = blankToNull(env.apply(valueVar));
        String file = blankToNull(env.apply(fileVar));
        if (value != null && file != null) {
            throw new ConfigurationException("both " + valueVar + " and " + fileVar + " are set; set only one");
        }
        String secret = file != null ? readFile(fileVar, file) : value;
        if (secret == null) {
            return null;
        }
        // The key goes into an HTTP header; a stray character would make the JDK reject the header
        // with a message we do not control, so refuse it here, naming only where it came from.
        for (int i = 0; i < secret.length(); i++) {
            char c = secret.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new ConfigurationException("the key in " + (file != null ? fileVar + " (" + file + ")" : valueVar)
                        + " contains a character that cannot be sent in an HTTP header"
                        + " (whitespace, control or non-ASCII)");
            }
        }
        return new ApiKey(type, secret);
    }

    private static String source(Function<String, String> env, String valueVar, String fileVar) {
        return blankToNull(env.apply(fileVar)) != null ? fileVar : valueVar;
    }

    private static String readFile(String fileVar, String file) {
        byte[] content;
        try {
            content = Files.readAllBytes(Path.of(file));
        } catch (IOException | InvalidPathException | SecurityException e) {
            throw new ConfigurationException(fileVar + ": cannot read key file " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        String secret = new String(content, StandardCharsets.UTF_8).strip();
        if (secret.isEmpty()) {
            throw new ConfigurationException(fileVar + ": key file " + file + " is empty");
        }
        return secret;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
