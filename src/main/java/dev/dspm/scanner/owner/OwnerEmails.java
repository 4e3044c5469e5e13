package dev.dspm.scanner.owner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.config.ConfigurationException;
import dev.dspm.scanner.manus.ApiKeys;
import dev.dspm.scanner.manus.ManusApiException;
import dev.dspm.scanner.manus.ManusApiException.ErrorCode;
import dev.dspm.scanner.manus.TeamUser;

/**
 * {@code dspm.scan.owner-emails}, the offboarding scan: the emails become owner ids through {@code team.user.list} (a
 * delegated profile is found by its {@code original_email}, the departed member's own). Resolved once per run, under
 * the tenant's lock after the key checks, by the scan's first step, which keeps the ids for a resumed run. An email no
 * member has is exit 2 naming it, before any share is listed.
 */
@Component
public class OwnerEmails {

    static final String EMAILS = "dspm.scan.owner-emails";
    private static final Logger log = LoggerFactory.getLogger(OwnerEmails.class);

    private final MemberListing listing;

    OwnerEmails(MemberListing listing) {
        this.listing = listing;
    }

    /** The owner ids of these emails, in the order given (an email may name a member and a delegated profile). */
    public List<String> resolve(List<String> emails) {
        List<TeamUser> members = members(emails);
        Set<String> ids = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String email : emails) {
            List<String> matched = members.stream().filter(member -> has(member, email)).map(TeamUser::teamUserId).toList();
            if (matched.isEmpty()) {
                unknown.add(email);
            }
            ids.addAll(matched);
            log.info("{}: {} is owner {}", EMAILS, email, matched);
        }
        if (!unknown.isEmpty()) {
            throw new ConfigurationException(EMAILS + ": no member of the team has " + String.join(", ", unknown)
                    + " (as email, or as a delegated profile's original_email); nothing was scanned");
        }
        return List.copyOf(ids);
    }

    private static boolean has(TeamUser member, String email) {
        return email.equalsIgnoreCase(member.email()) || email.equalsIgnoreCase(member.originalEmail());
    }

    /** The members with any of these emails, in the listing's order; the rest of the team is not kept. */
    private List<TeamUser> members(List<String> emails) {
        Map<String, TeamUser> matching = new LinkedHashMap<>();
        MemberListing.Sink sink = new MemberListing.Sink() {
            @Override
            public void restart() {
                matching.clear();
            }

            @Override
            public void add(List<TeamUser> members) {
                replace(members);
            }

            @Override
            public void replace(List<TeamUser> members) {
                for (TeamUser member : members) {
                    if (emails.stream().anyMatch(email -> has(member, email))) {
                        matching.put(member.teamUserId(), member);
                    } else {
                        matching.remove(member.teamUserId());
                    }
                }
            }
        };
        try {
            listing.list(sink);
            return List.copyOf(matching.values());
        } catch (ManusApiException e) {
            if (e.code() == ErrorCode.UNAUTHENTICATED || e.code() == ErrorCode.PERMISSION_DENIED) {
                throw new ConfigurationException("the API refused the key in " + ApiKeys.USER_KEY_ENV + " (" + e.code()
                        .name().toLowerCase(Locale.ROOT) + "): resolving " + EMAILS + " needs a Team User Management key of this team");
            }
            throw e;
        }
    }
}
