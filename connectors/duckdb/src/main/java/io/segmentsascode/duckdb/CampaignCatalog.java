package io.segmentsascode.duckdb;

import static io.segmentsascode.duckdb.GeneratedColumn.numeric;
import static io.segmentsascode.duckdb.GeneratedColumn.string;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The marketing campaigns (about 40): which channel, what for, what they cost. Email and paid
 * sessions are attributed to a campaign of their source's channel; social campaigns exist but
 * bring no tracked sessions, as often in practice.
 */
final class CampaignCatalog {

    static final List<GeneratedColumn> COLUMNS =
            List.of(string("campaign_id"), string("channel"), string("objective"), numeric("cost"));

    private record Campaign(String id, String channel, String objective, BigDecimal cost) {}

    private record ChannelPlan(String channel, int campaigns, double medianCost, WeightedChoice<String> objectives) {}

    private static final List<ChannelPlan> PLANS = List.of(
            new ChannelPlan("email", 12, 2_000, objectives(0, 4, 3, 3)),
            new ChannelPlan("paid_search", 12, 25_000, objectives(6, 1, 2, 1)),
            new ChannelPlan("paid_display", 10, 15_000, objectives(5, 0, 2, 3)),
            new ChannelPlan("social", 6, 8_000, objectives(6, 2, 2, 0)));

    private final List<Campaign> campaigns;
    private final Map<TrafficSource, List<String>> idsBySource;

    private CampaignCatalog(List<Campaign> campaigns) {
        this.campaigns = List.copyOf(campaigns);
        this.idsBySource = new EnumMap<>(TrafficSource.class);
        for (TrafficSource source : TrafficSource.values()) {
            List<String> ids = campaigns.stream()
                    .filter(c -> c.channel().equals(source.label()))
                    .map(Campaign::id)
                    .toList();
            if (source.hasCampaign()) {
                idsBySource.put(source, ids);
            }
        }
    }

    static CampaignCatalog generate(RandomDraws draws) {
        List<Campaign> campaigns = new ArrayList<>();
        for (ChannelPlan plan : PLANS) {
            for (int i = 0; i < plan.campaigns(); i++) {
                String objective = plan.objectives().pick(draws);
                String id = new IdFormat("c", 3).format(campaigns.size() + 1) + "_" + plan.channel() + "_" + objective;
                long costCents = Math.round(draws.logNormal(plan.medianCost(), 0.7) * 100);
                campaigns.add(new Campaign(id, plan.channel(), objective, BigDecimal.valueOf(costCents, 2)));
            }
        }
        return new CampaignCatalog(campaigns);
    }

    /** The campaign that brought a session from {@code source}, or null for organic and direct. */
    String campaignFor(TrafficSource source, RandomDraws draws) {
        List<String> ids = idsBySource.get(source);
        return ids == null || ids.isEmpty() ? null : ids.get(draws.between(0, ids.size() - 1));
    }

    void writeTo(TableWriter table) throws SQLException {
        for (Campaign campaign : campaigns) {
            table.append(campaign.id(), campaign.channel(), campaign.objective(), campaign.cost());
        }
    }

    private static WeightedChoice<String> objectives(
            double acquisition, double retention, double upsell, double reactivation) {
        return new WeightedChoice<String>()
                .add("acquisition", acquisition)
                .add("retention", retention)
                .add("upsell", upsell)
                .add("reactivation", reactivation);
    }
}
