package dev.dspm.scanner.simulator;

/** How the server stores a share's scope: the v1 SharePermission, where two values mean v2 PUBLIC. */
enum V1Permission {
    OWNER,
    TEAM_ONLY,
    PUBLIC,
    EXTERNAL;

    Scope scope() {
        return switch (this) {
            case OWNER -> Scope.OWNER;
            case TEAM_ONLY -> Scope.TEAM_ONLY;
            case PUBLIC, EXTERNAL -> Scope.PUBLIC;
        };
    }

    /** The value a share of this type is written with today; the permission filter matches only this one. */
    static V1Permission writtenToday(Scope scope, ShareType type) {
        return switch (scope) {
            case OWNER -> OWNER;
            case TEAM_ONLY -> TEAM_ONLY;
            case PUBLIC -> type.publicV1();
            case DOMAIN -> throw new IllegalArgumentException("DOMAIN has no v1 value");
        };
    }

    /** The public value legacy rows of this type still hold. */
    static V1Permission legacyPublic(ShareType type) {
        return type.publicV1() == PUBLIC ? EXTERNAL : PUBLIC;
    }
}
