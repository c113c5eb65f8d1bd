package io.segmentsascode.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segmentsascode.audience.ContactRecord;
import io.segmentsascode.audience.HoldoutSplit;
import io.segmentsascode.audience.IdentifierHasher;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.CustomerMatch;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.Stages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What an API destination sends for a mapping: a member source that keeps holdout groups (a warehouse target) is
 * told to record a mapping's groups before the treated members' keys are built, and only for mappings with a
 * holdout; the keys still leave the control group out.
 */
class CampaignMembersHoldoutTest {

    private final List<String> ids =
            IntStream.range(0, 300).mapToObj(i -> "u" + i).toList();
    private final List<String> recorded = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final List<String> writtenLocally = new ArrayList<>();
    private final MemberGroups localGroups = (campaign, contacts) -> writtenLocally.add(campaign.id());

    private final MemberSource members = new MemberSource() {
        @Override
        public List<ContactRecord> contacts(List<String> segmentIds, CustomerMatch identity) {
            events.add("read members");
            return ids.stream()
                    .map(id -> new ContactRecord(id, id + "@example.com", null, true, true, false))
                    .toList();
        }

        @Override
        public Optional<HoldoutGroups> holdoutGroups() {
            return Optional.of(campaign -> {
                recorded.add(campaign.id());
                events.add("record groups");
            });
        }
    };

    @Test
    void aMappingWithAHoldoutHasItsGroupsRecordedFirstAndItsControlGroupLeftOut() {
        ResolvedProject project = new Stages().check(Path.of("..", "segments"), Path.of("..", "campaigns"));
        Campaign withHoldout = project.campaigns().stream()
                .filter(c -> c.holdout().isPresent())
                .findFirst()
                .orElseThrow();

        Set<String> keys = CampaignMembers.keys(
                withHoldout,
                project.campaigns(),
                members,
                project.warehouse().customerMatch().orElseThrow(),
                IdentifierHasher.forRegion("US"),
                localGroups);

        assertEquals(List.of(withHoldout.id()), recorded);
        assertEquals(List.of(), writtenLocally, "a target that keeps the groups is the one place they are written");
        assertEquals("record groups", events.get(0), "the groups are recorded before anything is sent");
        long control = ids.stream()
                .filter(id -> HoldoutSplit.inControl(withHoldout.holdout().orElseThrow(), id))
                .count();
        assertEquals(ids.size() - control, keys.size());
    }

    @Test
    void aMappingWithoutAHoldoutRecordsNoGroups() {
        ResolvedProject project = new Stages().check(Path.of("..", "segments"), Path.of("..", "campaigns"));
        Campaign without = project.campaigns().stream()
                .filter(c -> c.holdout().isEmpty())
                .findFirst()
                .orElseThrow();

        CampaignMembers.keys(
                without,
                project.campaigns(),
                members,
                project.warehouse().customerMatch().orElseThrow(),
                IdentifierHasher.forRegion("US"),
                localGroups);

        assertEquals(List.of(), recorded);
    }

    @Test
    void withoutATargetThatKeepsThemTheGroupsOfEveryMemberAreWrittenWhereTheDestinationKeepsThem() {
        ResolvedProject project = new Stages().check(Path.of("..", "segments"), Path.of("..", "campaigns"));
        Campaign withHoldout = project.campaigns().stream()
                .filter(c -> c.holdout().isPresent())
                .findFirst()
                .orElseThrow();
        MemberSource keepsNone = (segmentIds, identity) -> members.contacts(segmentIds, identity);
        List<String> groupedUsers = new ArrayList<>();

        Set<String> keys = CampaignMembers.keys(
                withHoldout,
                project.campaigns(),
                keepsNone,
                project.warehouse().customerMatch().orElseThrow(),
                IdentifierHasher.forRegion("US"),
                (campaign, contacts) -> contacts.forEach(c -> groupedUsers.add(c.userId())));

        assertEquals(ids, groupedUsers, "control and treated members alike");
        long control = ids.stream()
                .filter(id -> HoldoutSplit.inControl(withHoldout.holdout().orElseThrow(), id))
                .count();
        assertEquals(ids.size() - control, keys.size());
    }
}
