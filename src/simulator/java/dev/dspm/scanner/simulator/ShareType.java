package dev.dspm.scanner.simulator;

/** The five asset types with what differs between them on the wire. */
enum ShareType {
    SESSION_COLLABORATION(V1Permission.EXTERNAL, "ses_", true),
    SESSION_SHARE(V1Permission.PUBLIC, "ses_", true),
    FILE_SHARE(V1Permission.PUBLIC, "fil_", true),
    WEBSITE_PUBLISH(V1Permission.PUBLIC, "web_", false),
    PROJECT_SHARE(V1Permission.EXTERNAL, "prj_", false);

    private static final String PREFIX = "ASSET_TYPE_";

    private final V1Permission publicV1;
    private final String assetIdPrefix;
    private final boolean hasSession;
    private final String wire;

    ShareType(V1Permission publicV1, String assetIdPrefix, boolean hasSession) {
        this.publicV1 = publicV1;
        this.assetIdPrefix = assetIdPrefix;
        this.hasSession = hasSession;
        this.wire = PREFIX + name();
    }

    String wire() {
        return wire;
    }

    V1Permission publicV1() {
        return publicV1;
    }

    String assetIdPrefix() {
        return assetIdPrefix;
    }

    /** Website publishes and projects are not tied to one session, so they carry no session_id. */
    boolean hasSession() {
        return hasSession;
    }

    /** Exact wire name only, as the server's enum parsing would; null when unknown. */
    static ShareType parse(String wireName) {
        for (ShareType type : values()) {
            if (type.wire.equals(wireName)) {
                return type;
            }
        }
        return null;
    }

    static ShareType require(String wireName) {
        ShareType type = parse(wireName);
        if (type == null) {
            throw new IllegalArgumentException("not an asset type wire name: " + wireName);
        }
        return type;
    }
}
