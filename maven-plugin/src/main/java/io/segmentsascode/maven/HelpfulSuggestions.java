package io.segmentsascode.maven;

import io.segmentsascode.apply.ApplyException;
import io.segmentsascode.config.ConfigException;
import io.segmentsascode.diagnostics.SegmentsException;
import io.segmentsascode.intent.GenerationException;
import io.segmentsascode.intent.LockFileException;
import io.segmentsascode.load.LoadException;
import io.segmentsascode.plan.PlanException;
import io.segmentsascode.plan.SavedPlanException;
import io.segmentsascode.preview.PreviewException;
import io.segmentsascode.resolve.ResolveException;
import io.segmentsascode.validate.ValidationException;

/** The one-line failure summary Maven prints last: what failed and what to do next. */
final class HelpfulSuggestions {

    private HelpfulSuggestions() {
    }

    static String summary(SegmentsException e) {
        long errors = e.errorCount();
        String count = errors + (errors == 1 ? " error" : " errors");
        if (e instanceof LoadException) {
            return count + " reading the segment files; fix the lines listed above (each says file:line:col)";
        }
        if (e instanceof ValidationException) {
            return count + " in the segment or campaign files; fix the lines listed above and run mvn segments:validate";
        }
        if (e instanceof ResolveException) {
            return count + ": definitions name things warehouse.yaml or the other files do not declare; see the lines above";
        }
        if (e instanceof PreviewException) {
            return count + " in the preview data given by -Dsegments.sampleData; see the lines above";
        }
        if (e instanceof LockFileException) {
            return count + " in segments.lock; run mvn segments:generate (with model credentials) and commit the lock";
        }
        if (e instanceof GenerationException) {
            return count + " generating or checking intent and sql segments; see the lines above";
        }
        if (e instanceof PlanException) {
            return count + " in the plan's governance checks; fix the definitions named above, then plan again";
        }
        if (e instanceof ApplyException || e instanceof SavedPlanException) {
            return "apply did not start and changed nothing; see the lines above";
        }
        if (e instanceof ConfigException) {
            return count + " in the parameters; see the lines above";
        }
        return count + "; see the lines above";
    }
}
