package io.segmentsascode.apply.files;

import io.segmentsascode.apply.MemberGroups;
import io.segmentsascode.audience.ContactRecord;
import io.segmentsascode.audience.HoldoutSplit;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Holdout groups in the state folder, {@code holdouts/<mapping>.csv} ({@code user_id,group}: user
 * ids only, no contact details), where evaluate on the local target reads them.
 */
public final class HoldoutGroupFiles implements MemberGroups {

    public static final String FOLDER = "holdouts";

    private final Path folder;

    public HoldoutGroupFiles(Path folder) {
        this.folder = folder;
    }

    /** The groups of {@code stateDir}'s project. */
    public static HoldoutGroupFiles in(Path stateDir) {
        return new HoldoutGroupFiles(stateDir.resolve(FOLDER));
    }

    @Override
    public void record(Campaign campaign, List<ContactRecord> members) {
        Campaign.Holdout holdout = campaign.holdout().orElseThrow();
        StringBuilder groups = new StringBuilder("user_id,group\n");
        members.stream()
                .map(ContactRecord::userId)
                .distinct()
                .forEach(userId -> groups.append(userId)
                        .append(HoldoutSplit.inControl(holdout, userId) ? ",control\n" : ",treated\n"));
        try {
            AtomicFiles.write(file(campaign.id()), groups.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("writing the holdout groups of " + campaign.id() + " failed", e);
        }
    }

    /** Each member of mapping {@code campaign} and its group. */
    public Path file(String campaign) {
        return folder.resolve(campaign + ".csv");
    }
}
