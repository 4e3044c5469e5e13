package dev.dspm.scanner.run;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.dspm.scanner.export.ExportCounts;
import dev.dspm.scanner.findings.FindingCounts;
import dev.dspm.scanner.remediation.ActionStatus;
import dev.dspm.scanner.snapshot.TypeTotal;

/**
 * What a run holds in the database, as it ended: each part is empty until the run has it, so that a run that failed
 * early reports no zero findings over the last judged run's.
 *
 * @param types          shares stored, the API's total and completeness per asset type
 * @param sealedComplete the seal's verdict, once sealed
 * @param filtered       whether the run listed less than the whole tenant, once it began
 * @param findings       the findings by severity and status, once judged
 * @param actions        the remediation actions by status (every status present), once its remediation step ran
 * @param export         what its push of OCSF events sent, once it began
 */
public record RunCounts(List<TypeTotal> types, Optional<Boolean> sealedComplete, Optional<Boolean> filtered,
        Optional<FindingCounts> findings, Optional<Map<ActionStatus, Long>> actions, Optional<ExportCounts> export) {

    /** A run with nothing stored, or a database that could not say. */
    public static final RunCounts NONE = new RunCounts(List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());
}
