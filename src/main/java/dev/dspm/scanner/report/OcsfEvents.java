package dev.dspm.scanner.report;

import java.io.ByteArrayOutputStream;
import java.time.Instant;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

import org.springframework.stereotype.Component;

import dev.dspm.scanner.config.BuildVersion;

/**
 * A judged run's OCSF events read again from the database, for what sends them elsewhere: the same events as its
 * findings.ocsf.jsonl, in the same order, whether or not that file was written or is still on this machine (a run
 * resumed in a new pod has lost its report folder).
 */
@Component
public class OcsfEvents {

    private final OverviewQuery overviews;
    private final RunPolicies policies;
    private final FindingRows rows;
    private final ReportSettings settings;

    OcsfEvents(OverviewQuery overviews, RunPolicies policies, FindingRows rows, ReportSettings settings) {
        this.overviews = overviews;
        this.policies = policies;
        this.rows = rows;
        this.settings = settings;
    }

    /** Takes each event of a run. */
    @FunctionalInterface
    public interface Sink {

        /**
         * @param time  the event's time (the run's judging, the same for every event of the run), Unix milliseconds
         * @param event the event: one JSON object in UTF-8, without a line end
         */
        void accept(long time, byte[] event);
    }

    /**
     * Each event of the run in (share, policy) order: a streamed query, so to be called in a transaction (PostgreSQL
     * streams only there), with flat memory for a million.
     */
    public void forEach(long runId, Sink each) {
        ReportInput input = new ReportInput(overviews.read(runId), RemediationOverview.off(),
                Instant.EPOCH, policies.of(runId));
        OcsfEvent event = new OcsfEvent(settings.ocsf().eventClass(), input, BuildVersion.get());
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(4_096);
        rows.forEach(runId, true, finding -> {
            buffer.reset();
            try (JsonGenerator json = OcsfFile.JSON.createGenerator(ObjectWriteContext.empty(), buffer)) {
                event.write(json, finding);
            }
            each.accept(event.time(), buffer.toByteArray());
        });
    }
}
