package io.segmentsascode.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.audience.ContactRecord;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.CustomerMatch;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.Stages;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A list synced before is synced again when its members' tables changed since, or its memberships near expiry. */
class CampaignMembersOutdatedTest {

    private static final Instant SYNCED = Instant.parse("2026-12-01T06:00:00Z");

    private final ResolvedProject project = new Stages().check(Path.of("..", "segments"), Path.of("..", "campaigns"));
    private final Campaign campaign = project.campaigns().get(0);
    private final CustomerMatch identity = project.warehouse().customerMatch().orElseThrow();

    private static MemberSource changedAt(Optional<Instant> at) {
        return new MemberSource() {
            @Override
            public List<ContactRecord> contacts(List<String> segmentIds, CustomerMatch identity) {
                return List.of();
            }

            @Override
            public Optional<Instant> changedAt(List<String> segmentIds, CustomerMatch identity) {
                return at;
            }
        };
    }

    private Optional<String> outdated(Optional<Instant> changed, Optional<LastSync> last, Instant now) {
        return CampaignMembers.outdated(campaign, changedAt(changed), identity, last, now);
    }

    private static Optional<LastSync> syncedAt(Instant at) {
        return Optional.of(new LastSync(at, 10, 0, 0, List.of()));
    }

    @Test
    void tablesChangedAfterTheLastSyncMakeItOutdated() {
        Optional<String> why = outdated(Optional.of(SYNCED.plusSeconds(60)), syncedAt(SYNCED), SYNCED.plusSeconds(120));

        assertTrue(why.orElseThrow().contains("after the last sync at " + SYNCED), why.toString());
    }

    @Test
    void tablesUnchangedSinceTheLastSyncLeaveItUpToDate() {
        assertEquals(
                Optional.empty(),
                outdated(Optional.of(SYNCED.minusSeconds(60)), syncedAt(SYNCED), SYNCED.plusSeconds(60)));
        assertEquals(Optional.empty(), outdated(Optional.empty(), syncedAt(SYNCED), SYNCED.plusSeconds(60)));
    }

    @Test
    void membershipsDueForASecondSendMakeItOutdatedEvenWhenNothingChanged() {
        Duration age = MemberDelta.refreshAge(Optional.of(campaign));

        assertEquals(
                Optional.empty(),
                outdated(Optional.empty(), syncedAt(SYNCED), SYNCED.plus(age).minusSeconds(1)));
        assertTrue(outdated(Optional.empty(), syncedAt(SYNCED), SYNCED.plus(age))
                .orElseThrow()
                .contains("expire"));
    }

    @Test
    void aListNeverSyncedIsLeftToItsCreate() {
        assertEquals(Optional.empty(), outdated(Optional.of(SYNCED), Optional.empty(), SYNCED));
    }
}
