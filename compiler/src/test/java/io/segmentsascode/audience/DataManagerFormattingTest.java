package io.segmentsascode.audience;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Normalisation and hashing against the examples of Google's Data Manager API formatting guide, "Format user data"
 * (https://developers.google.com/data-manager/api/devguides/concepts/formatting, UserIdentifier table). The
 * digests are SHA-256 of the guide's normalised forms, computed apart ({@code printf %s ... | sha256sum}).
 */
class DataManagerFormattingTest {

    private final IdentifierHasher dataManager = IdentifierHasher.forDataManager("US");

    @Test
    void gmailAddressesLoseDotsAndPlusSuffixAsTheGuideShows() {
        // guide: cloudy.sanfrancisco+shopping@gmail.com -> cloudysanfrancisco@gmail.com
        assertEquals(
                Optional.of("cloudysanfrancisco@gmail.com"),
                EmailNormalizer.normalizeForDataManager("cloudy.sanfrancisco+shopping@gmail.com"));
        assertEquals(
                Optional.of("223ebda6f6889b1494551ba902d9d381daf2f642bae055888e96343d53e9f9c4"),
                dataManager.hashEmail("cloudy.sanfrancisco+shopping@gmail.com"));
        assertEquals(
                Optional.of("cloudysanfrancisco@googlemail.com"),
                EmailNormalizer.normalizeForDataManager("Cloudy.SanFrancisco+x@GoogleMail.com"));
    }

    @Test
    void otherDomainsKeepDotsAndPlusAndAreLowercasedAsTheGuideShows() {
        // guide: user.name+NYC@Example.com -> user.name+nyc@example.com
        assertEquals(
                Optional.of("user.name+nyc@example.com"),
                EmailNormalizer.normalizeForDataManager("user.name+NYC@Example.com"));
        assertEquals(
                Optional.of("f109a2a632fbcea5fc82049f50beed3d8621bf9034399f437fb622222acccdac"),
                dataManager.hashEmail("user.name+NYC@Example.com"));
    }

    @Test
    void whitespaceIsRemovedLeadingTrailingAndBetween() {
        // guide: "Trim leading, trailing, and intermediate whitespace"
        assertEquals(
                Optional.of("user.name@example.com"),
                EmailNormalizer.normalizeForDataManager("  user.name @example.com\t"));
    }

    @Test
    void phonesAreE164WithPlusAndCountryCodeAsTheGuideShows() {
        // guide: the US number (800)555-0100 must be formatted and normalised to +18005550100
        assertEquals(
                Optional.of("fb4f73a6ec5fdb7077d564cdd22c3554b43ce49168550c3b12c547b78c517b30"),
                dataManager.hashPhone("(800)555-0100"));
    }

    @Test
    void uploadFilesKeepTheCustomerMatchFileRules() {
        assertEquals(
                Optional.of("cloudy.sanfrancisco+shopping@gmail.com"),
                EmailNormalizer.normalize("cloudy.sanfrancisco+shopping@gmail.com"));
    }
}
