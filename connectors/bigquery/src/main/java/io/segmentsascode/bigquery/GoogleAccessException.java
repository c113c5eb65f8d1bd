package io.segmentsascode.bigquery;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.diagnostics.SegmentsException;
import java.util.List;

/**
 * The BigQuery target cannot act: credentials are missing, or the identity lacks a permission
 * for a step. Located at the setting to change and naming the roles the step needs.
 */
public final class GoogleAccessException extends SegmentsException {

    /** What each step needs, as the README's "BigQuery target" section documents it. */
    static final String PLAN_ROLES = "plan needs BigQuery Data Viewer on the output dataset and the source dataset"
            + " (refresh health, live figures, INFORMATION_SCHEMA), BigQuery Job User on the project (dry runs, the"
            + " lease, those queries) and bigquery.transfers.get on the project (e.g. BigQuery Admin or a"
            + " custom role) to list scheduled queries";

    static final String APPLY_ROLES = "apply needs BigQuery Data Editor on the output dataset, BigQuery Job User on"
            + " the project and bigquery.transfers.update + bigquery.transfers.get on the project; with"
            + " segments.serviceAccount also Service Account User (iam.serviceAccounts.actAs) on that account, and the"
            + " Data Transfer service agent (service-<project number>@gcp-sa-bigquerydatatransfer.iam.gserviceaccount.com)"
            + " needs iam.serviceAccounts.getAccessToken (Service Account Token Creator) on it";

    static final String EVALUATE_ROLES = "evaluate needs BigQuery Data Viewer on the dataset of the experiments table"
            + " and BigQuery Job User on the project";

    private final String setting;

    GoogleAccessException(String setting, String message, String hint) {
        super("bigquery", List.of(Diagnostic.error(Location.ofSetting(setting), message, hint)));
        this.setting = setting;
    }

    @Override
    public String nextStep() {
        return "; fix " + setting + " or the roles named above, then run the goal again";
    }
}
