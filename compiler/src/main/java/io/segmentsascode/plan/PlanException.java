package io.segmentsascode.plan;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.diagnostics.SegmentsException;
import io.segmentsascode.plan.impact.Finding;
import java.util.List;

/** The plan has governance errors: nothing may be applied until the definitions are fixed. */
public final class PlanException extends SegmentsException {

    public PlanException(List<Finding> findings) {
        super("plan", findings.stream().map(PlanException::diagnostic).toList());
    }

    @Override
    public String nextStep() {
        return " in the plan's governance checks; fix the definitions named above, then plan again";
    }

    private static Diagnostic diagnostic(Finding finding) {
        Location where = Location.ofSetting(finding.location().isEmpty() ? finding.subject() : finding.location());
        String message = "[" + finding.code() + "] " + finding.message();
        return finding.isError() ? Diagnostic.error(where, message, "") : Diagnostic.warning(where, message, "");
    }
}
