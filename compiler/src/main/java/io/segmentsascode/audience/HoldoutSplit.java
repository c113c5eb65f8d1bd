package io.segmentsascode.audience;

import io.segmentsascode.evaluate.HoldoutComparison;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.render.Dialect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Who of a mapping's members is held out as its control group: those whose MD5 of
 * {@code salt + ':' + user_id}, read as its first 8 hex digits, falls below {@code share} of the
 * 32-bit range. MD5 is the digest BigQuery ({@code TO_HEX(MD5(…))}) and DuckDB ({@code md5(…)})
 * both spell as the same lowercase hex text (BigQuery's FARM_FINGERPRINT has no DuckDB twin), and
 * a fixed-width lowercase hex prefix compares as text exactly as its number does, so the split
 * needs no hex-to-integer cast either engine might spell differently. It depends on nothing but
 * the user id and the salt: stable across refreshes, whatever else the data holds.
 */
public final class HoldoutSplit {

    /** Hex digits of the digest compared: 32 bits, fine enough for any share to 1 in 4 billion. */
    public static final int PREFIX_DIGITS = 8;

    private static final double RANGE = 0x1p32;

    private HoldoutSplit() {}

    /** The first prefix that is not held out: the split compares {@code prefix < threshold}. */
    public static String threshold(double share) {
        return String.format(Locale.ROOT, "%08x", Math.round(share * RANGE));
    }

    /** The text whose digest decides: salt, a colon, the user id. */
    static String hashed(String salt, String userId) {
        return salt + ":" + userId;
    }

    /** True for a member of the control group: never uploaded, compared with the treated members instead. */
    public static boolean inControl(Campaign.Holdout holdout, String userId) {
        String hex = HexFormat.of().formatHex(md5(hashed(holdout.salt(), userId)));
        return hex.substring(0, PREFIX_DIGITS).compareTo(threshold(holdout.share())) < 0;
    }

    /**
     * The members a destination may send for {@code campaign}: all of them without a holdout, the
     * treated ones with one. Every destination filters through here, so none uploads a control group.
     */
    public static List<ContactRecord> treated(Campaign campaign, List<ContactRecord> contacts) {
        if (campaign.holdout().isEmpty()) {
            return contacts;
        }
        Campaign.Holdout holdout = campaign.holdout().get();
        return contacts.stream().filter(c -> !inControl(holdout, c.userId())).toList();
    }

    /**
     * The same decision as a condition of the dialect's SQL, over a STRING expression of the user id
     * (NULL for a NULL id: such a row is no member).
     */
    public static String controlCondition(Dialect dialect, Campaign.Holdout holdout, String userId) {
        String text = "CONCAT(" + dialect.stringLiteral(holdout.salt() + ":") + ", " + userId + ")";
        return "SUBSTR(" + dialect.hexMd5(text) + ", 1, " + PREFIX_DIGITS + ") < "
                + dialect.stringLiteral(threshold(holdout.share()));
    }

    /**
     * The group of a member as a STRING expression of the dialect's SQL: {@code 'control'} where
     * {@link #controlCondition} holds, else {@code 'treated'}; what a warehouse writes per member.
     */
    public static String groupExpression(Dialect dialect, Campaign.Holdout holdout, String userId) {
        return "CASE WHEN " + controlCondition(dialect, holdout, userId) + " THEN "
                + dialect.stringLiteral(HoldoutComparison.CONTROL) + " ELSE "
                + dialect.stringLiteral(HoldoutComparison.TREATED) + " END";
    }

    private static byte[] md5(String text) {
        try {
            return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides MD5", e);
        }
    }
}
