package dev.dspm.scanner.owner;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import dev.dspm.scanner.ConfigurationException;
import dev.dspm.scanner.manus.AdaptiveRateLimiter;
import dev.dspm.scanner.manus.ApiKeys;
import dev.dspm.scanner.manus.ApiSettings;
import dev.dspm.scanner.manus.ManusApiException;
import dev.dspm.scanner.manus.ManusApiException.ErrorCode;
import dev.dspm.scanner.manus.ManusClient;
import dev.dspm.scanner.manus.TeamUser;
import dev.dspm.scanner.scan.RejudgeCommand;
import dev.dspm.scanner.scan.ScanSettings;

/**
 * {@code dspm.scan.owner-emails}, the offboarding scan: the emails become owner ids before the job is built, through
 * {@code team.user.list} (a delegated profile is found by its {@code original_email}, the departed member's own), and
 * are added to {@code dspm.scan.owner-ids}, so the run scans those owners' partitions as if their ids had been given.
 * An email no member has is exit 2 naming it, before any share is listed.
 */
public class OwnerEmails implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    static final String EMAILS = "dspm.scan.owner-emails";
    static final String IDS = "dspm.scan.owner-ids";
    private static final Logger log = LoggerFactory.getLogger(OwnerEmails.class);

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        Binder binder = Binder.get(environment);
        // bound as the job binds them, so the emails and ids are tidied the one way ScanSettings tidies them
        ScanSettings scan = binder.bindOrCreate("dspm", ScanSettings.class);
        List<String> emails = scan.ownerEmails();
        if (emails.isEmpty() || environment.containsProperty(RejudgeCommand.PROPERTY)) {
            return;
        }
        ApiKeys keys = ApiKeys.load(environment::getProperty);
        if (keys.userKey().isEmpty()) {
            throw new ConfigurationException(EMAILS + " is resolved to owner ids through team.user.list, which only a Team "
                    + "User Management key may call: set " + ApiKeys.USER_KEY_ENV + " or " + ApiKeys.USER_KEY_FILE_ENV
                    + ", or name the owners by id with " + IDS);
        }
        ApiSettings api = binder.bindOrCreate(ApiSettings.PREFIX, ApiSettings.class);
        List<TeamUser> members = members(new ManusClient(api, keys, new AdaptiveRateLimiter(api.maxRequestsPerSecond())));
        Set<String> ids = new LinkedHashSet<>(scan.ownerIds());
        List<String> unknown = new ArrayList<>();
        for (String email : emails) {
            List<String> matched = members.stream().filter(member -> email.equalsIgnoreCase(member.email())
                    || email.equalsIgnoreCase(member.originalEmail())).map(TeamUser::teamUserId).toList();
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
        environment.getPropertySources().addFirst(new MapPropertySource("resolved " + EMAILS, Map.of(IDS, String.join(",", ids))));
    }

    private static List<TeamUser> members(ManusClient client) {
        try {
            return new MemberListing(client, MemberListing.PAGE).list().members();
        } catch (ManusApiException e) {
            if (e.code() == ErrorCode.UNAUTHENTICATED || e.code() == ErrorCode.PERMISSION_DENIED) {
                throw new ConfigurationException("the API refused the key in " + ApiKeys.USER_KEY_ENV + " (" + e.code()
                        .name().toLowerCase(Locale.ROOT) + "): resolving " + EMAILS + " needs a Team User Management key of this team");
            }
            throw e;
        }
    }
}
