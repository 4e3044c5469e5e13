package dev.dspm.scanner.simulator;

/**
 * One member as team.user.list serves it, in wire values: {@code status} is a USER_STATUS_*, {@code role} a
 * TEAM_MEMBER_ROLE_*. {@code email} is null for a member without one (the field is then left out). A delegated
 * profile, a departed member's handed to a colleague, has an email {@code delegate-…@manus.im},
 * {@code originalEmail} the departed member's own and {@code delegatedTo} the colleague's; both are null otherwise.
 */
public record TeamMember(String teamUserId, String email, String userName, String status, String role,
                         String delegatedTo, String originalEmail) {

    public boolean delegated() {
        return delegatedTo != null;
    }

    TeamMember withStatus(String newStatus) {
        return new TeamMember(teamUserId, email, userName, newStatus, role, delegatedTo, originalEmail);
    }

    void writeTo(JsonBuffer out) {
        out.ascii("{\"team_user_id\":").string(teamUserId);
        if (email != null) {
            out.ascii(",\"email\":").string(email);
        }
        out.ascii(",\"user_name\":").string(userName)
                .ascii(",\"status\":").string(status)
                .ascii(",\"role\":").string(role)
                .ascii(",\"delegated_to\":");
        nullable(out, delegatedTo).ascii(",\"original_email\":");
        nullable(out, originalEmail).character('}');
    }

    private static JsonBuffer nullable(JsonBuffer out, String value) {
        return value == null ? out.ascii("null") : out.string(value);
    }
}
