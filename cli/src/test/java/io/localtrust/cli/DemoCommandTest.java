package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code localtrust demo}: the U-L/S devices onboard through ACME; every practice of the seed, classified as built. */
class DemoCommandTest {
    private static final List<String> SEED_LABELS = List.of("null", "NU-S/S", "NU-U/S", "U-S/S", "U-U/S", "U-L/S", "U-CA/S");

    @Test
    void tableShowsEverySeedPracticeAndASummary() {
        Cli.Result r = Cli.run("demo", "--no-browser");
        assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
        assertThat(r.err()).isEmpty();
        for (String label : SEED_LABELS) {
            assertThat(r.out()).as("a table row with practice %s", label)
                    .containsPattern("(?m)^\\S+\\s+192\\.168\\.1\\.\\d+\\s+" + Pattern.quote(label) + "\\s{2,}");
        }
        assertThat(r.out()).contains("DEVICE", "PRACTICE", "VERDICT", "REASON")
                .containsPattern("(?m)^Summary: 1 trusted, 1 trusted locally, 3 unverifiable, 7 insecure$")
                .contains("JDK roots");
        // --no-browser: the decision ladder's column alone, and no word about Chromium
        assertThat(r.out()).doesNotContain("CHROMIUM", "Chromium not asked")
                .containsPattern("(?m)^sim-6\\.home\\.arpa\\s+127\\.0\\.10\\.6\\s+U-L/S\\s.*\\sU-L/S\\s+"
                        + "padlock: TRUSTED_LOCAL, OCSP stapled$");
    }

    @Test
    void liveFleetOnLoopbackHasEveryPracticeEachSeenOverTheNetworkAsBuilt() {
        // on the real clock: Chromium judges certificates by it (on the tests' fixed date it rightly says ERR_CERT_DATE_INVALID)
        Cli.Result r = Cli.runNow("demo");
        assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
        assertThat(r.out()).containsPattern("(?m)^Live: the gateway served on 127\\.0\\.0\\.1 and a simulated fleet");
        for (String label : SEED_LABELS) {
            String scheme = label.equals("null") ? "http" : "https";
            assertThat(r.out()).as("a live device built and seen as %s", label).containsPattern("(?m)^\\S+\\s+127\\.0\\.10\\.\\d+\\s+"
                    + Pattern.quote(label) + "\\s+" + scheme + "://127\\.0\\.10\\.\\d+:\\d+/\\s+" + Pattern.quote(label) + "\\s{2,}\\S");
        }
        // The seed's new browser over HTTPS: a padlock for the gateway-certified device with its OCSP response stapled,
        // and for the publicly certified one; a warning naming the practice for the rest; plain HTTP is not secure.
        assertThat(r.out()).containsPattern("(?m)^sim-6\\.home\\.arpa\\s+127\\.0\\.10\\.6\\s+U-L/S\\s.*\\sU-L/S\\s+"
                        + "padlock: TRUSTED_LOCAL, OCSP stapled\\s{2,}")
                .containsPattern("(?m)^\\S+\\s+127\\.0\\.10\\.\\d+\\s+U-CA/S\\s.*\\sU-CA/S\\s+padlock: TRUSTED_PUBLIC")
                .containsPattern("(?m)^\\S+\\s+127\\.0\\.10\\.\\d+\\s+U-S/S\\s.*\\sU-S/S\\s+WARN_U_SS\\s{2,}")
                .containsPattern("(?m)^\\S+\\s+127\\.0\\.10\\.\\d+\\s+null\\s.*\\snull\\s+no HTTPS \\(not secure\\)\\s+not secure \\(HTTP\\)$");
        // Today's browser beside it: Debian's Chromium with the gateway root in its NSS database loads the U-L/S device
        // by name with no certificate error, its padlock and a secure context; it refuses the devices no root vouches for.
        assertThat(r.out()).contains("CHROMIUM (gateway root installed)").doesNotContain("Chromium not asked")
                .containsPattern("(?m)^sim-6\\.home\\.arpa\\s+127\\.0\\.10\\.6\\s+U-L/S\\s.*\\sU-L/S\\s+"
                        + "padlock: TRUSTED_LOCAL, OCSP stapled\\s+padlock, secure context$")
                .containsPattern("(?m)^\\S+\\s+127\\.0\\.10\\.\\d+\\s+U-CA/S\\s.*\\sU-CA/S\\s+padlock: TRUSTED_PUBLIC\\s+padlock, secure context$")
                .containsPattern("(?m)^\\S+\\s+127\\.0\\.10\\.\\d+\\s+U-S/S\\s.*\\sU-S/S\\s+WARN_U_SS\\s+refused: net::ERR_CERT_AUTHORITY_INVALID$")
                .containsPattern("(?m)^\\S+\\s+127\\.0\\.10\\.\\d+\\s+NU-S/S\\s.*\\sNU-S/S\\s+WARN_U_SS\\s+refused: net::ERR_CERT_");
    }

    @Test
    void tableRowsCarryTheVerdictsTheSamplesWereBuiltFor() {
        String out = Cli.run("demo", "--no-browser").out();
        assertThat(out).containsPattern("(?m)^old-router\\s+192\\.168\\.1\\.1\\s+null\\s+assumed\\s+insecure\\s")
                .containsPattern("(?m)^printer\\s+192\\.168\\.1\\.20\\s+U-L/S\\s+confirmed\\s+trusted locally\\s")
                .containsPattern("(?m)^hub\\s+\\S+\\s+U-CA/S\\s+confirmed\\s+trusted\\s")
                .containsPattern("(?m)^smart-plug\\s+\\S+\\s+U-L/S\\s+confirmed\\s+insecure\\s+revoked")
                .containsPattern("(?m)^mesh-node\\s+\\S+\\s+NU-S/S\\s+shared\\s+insecure\\s");
    }

    @Test
    void theULsDevicesOnboardThroughAcmeOneByPairingCodeOneByTheOwner() {
        Cli.Result r = Cli.run("demo", "--no-browser");
        assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
        assertThat(r.out())
                .containsPattern("(?m)^  gateway serving ACME at https://127\\.0\\.0\\.1:\\d+/acme/directory$")
                .containsPattern("(?m)^  printer\\.home\\.arpa: ACME account made \\(/acme/account/\\S+\\)$")
                .containsPattern("(?m)^  printer\\.home\\.arpa: order for printer\\.home\\.arpa, 127\\.0\\.0\\.1 pending$")
                .containsPattern("(?m)^  printer\\.home\\.arpa: validated printer\\.home\\.arpa \\(http-01 answered on 127\\.0\\.0\\.1:\\d+\\)$")
                .containsPattern("(?m)^  printer\\.home\\.arpa: validated 127\\.0\\.0\\.1 \\(http-01")
                .containsPattern("(?m)^  printer\\.home\\.arpa: finalized with its own key \\(dev-id [a-z2-7]{26}\\); "
                        + "order processing, waiting for approval$")
                .containsPattern("(?m)^  printer\\.home\\.arpa: shows pairing code [A-Z2-9]{4}-[A-Z2-9]{4}; the owner types it$")
                .containsPattern("(?m)^  printer\\.home\\.arpa: approved by pairing code$")
                .containsPattern("(?m)^  plug\\.home\\.arpa: validated plug\\.home\\.arpa \\(http-01")
                .containsPattern("(?m)^  plug\\.home\\.arpa: approved by the owner \\(gateway approve [a-z2-7]{26}\\)$")
                .containsPattern("(?m)^  plug\\.home\\.arpa: certificate serial [0-9a-f]+ issued, valid until ")
                .containsPattern("(?m)^printer\\s+192\\.168\\.1\\.20\\s+U-L/S\\s+confirmed\\s+trusted locally\\s");
        assertThat(r.out().indexOf("waiting for approval")).as("the order waits before the owner approves")
                .isLessThan(r.out().indexOf("approved by pairing code"));
        assertThat(serials(r.out())).hasSize(2);
    }

    @Test
    void keptGatewayHoldsTheCertificatesIssuedThroughAcme(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("gw");
        Cli.Result r = Cli.run("demo", "--no-browser", "--keep", dir.toString());
        assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
        assertThat(r.out()).contains("kept in " + dir);
        List<String> serials = serials(r.out());
        assertThat(serials).hasSize(2);

        Cli.Result list = Cli.run("gateway", "list", "--dir", dir.toString());
        assertThat(list.exit()).as("stderr: %s", list.err()).isZero();
        assertThat(list.out()).containsPattern("(?m)^[a-z2-7]{26}\\s+approved\\s+printer\\.home\\.arpa, 127\\.0\\.0\\.1\\s+serial "
                        + Pattern.quote(serials.get(0)))
                .containsPattern("(?m)^[a-z2-7]{26}\\s+approved\\s+plug\\.home\\.arpa\\s+serial " + Pattern.quote(serials.get(1)));
    }

    @Test
    void theDemoOpensTheConsoleWithItsPasswordTheFleetAndADeviceWaitingThenExitsOffATerminal(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("gw");
        Cli.Result r = Cli.run("demo", "--no-browser", "--keep", dir.toString());
        assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
        assertThat(r.out()).containsPattern("(?m)^Console of the demo gateway: https://127\\.0\\.0\\.1:\\d+/console/$")
                .containsPattern("(?m)^  waiting:\\s+doorbell\\.home\\.arpa asks for approval")
                .containsPattern("(?m)^Not on a terminal: the console stops as the demo ends")
                .doesNotContain("Ctrl-C stops it");
        java.util.regex.Matcher pw = Pattern.compile("(?m)^  password:\\s+([a-z2-9]{20})\\s").matcher(r.out());
        assertThat(pw.find()).as(r.out()).isTrue();
        String hash = io.localtrust.gateway.console.ConsolePassword.read(dir).orElseThrow();
        assertThat(io.localtrust.login.PasswordHash.verify(pw.group(1).toCharArray(), hash)).as("the printed password signs in").isTrue();

        Cli.Result list = Cli.run("gateway", "list", "--dir", dir.toString());
        assertThat(list.out()).as("one device waits for approval")
                .containsPattern("(?m)^[a-z2-7]{26}\\s+pending\\s+doorbell\\.home\\.arpa");
        try (io.localtrust.store.GatewayStore store = io.localtrust.store.GatewayStores.open(dir)) {
            var scans = store.scans(10);
            assertThat(scans).as("the demo's scan of its fleet, in the console's history").hasSize(1);
            assertThat(scans.get(0).actor()).isEqualTo("demo");
            assertThat(scans.get(0).summary()).as("a device of every practice")
                    .allSatisfy((category, n) -> assertThat(n).as(category).isPositive());
        }
    }

    private static List<String> serials(String out) {
        return Pattern.compile("(?m)^  \\S+: certificate serial ([0-9a-f]+) issued").matcher(out).results()
                .map(m -> m.group(1)).toList();
    }

    @Test
    void jsonHasTwelveDevicesCoveringAllSevenPractices() throws Exception {
        Cli.Result r = Cli.run("demo", "--json");
        assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("schema").asText()).isEqualTo("localtrust.inspect/1");
        assertThat(doc.get("devices")).hasSize(12);
        List<String> categories = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        doc.get("devices").forEach(d -> {
            categories.add(d.get("category").asText());
            labels.add(d.get("practice").get("label").asText());
            assertThat(d.get("address").asText()).startsWith("192.168.1.");
            assertThat(d.get("verdict").asText()).isIn("trusted", "trusted_locally", "unverifiable", "insecure");
            assertThat(d.get("uniqueness").asText()).isIn("assumed", "confirmed", "shared");
        });
        assertThat(categories).containsAll(List.of("NONE", "NU_SS", "NU_US", "U_SS", "U_US", "U_LS", "U_CAS"));
        assertThat(labels).containsAll(SEED_LABELS);
    }

    @Test
    void noJdkRootsJudgesAgainstTheSimulatedCaOnly() {
        Cli.Result r = Cli.run("demo", "--no-browser", "--no-jdk-roots");
        assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("(public roots: simulated public CA; local anchor:").doesNotContain("JDK roots")
                .contains("Summary:");
    }

    @Test
    void noJdkRootsJsonStillClassifiesTheHubAsPublic() throws Exception {
        Cli.Result r = Cli.run("demo", "--no-jdk-roots", "--json");
        assertThat(r.exit()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        List<String> publicAnchored = new ArrayList<>();
        doc.get("devices").forEach(d -> {
            if (d.get("category").asText().equals("U_CAS")) {
                publicAnchored.add(d.get("anchor").get("source").asText());
            }
        });
        assertThat(publicAnchored).containsExactly("simulated public CA");
    }
}
