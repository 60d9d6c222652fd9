package io.localtrust.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.authority.Approvals;
import io.localtrust.authority.NamePolicy;
import io.localtrust.store.GatewayStore;
import io.localtrust.store.GatewayStores;
import io.localtrust.x509.Digests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pairing code beside each pending device on the approvals page and in its live list, read
 * through the console's own view of the store with injected clocks: shown as the device shows it,
 * "—" for a device that offered none, gone once it expired, was used or its device was decided —
 * and the live list's revision moves each time, so an open page redraws.
 */
class PendingPairingCodeTest {
    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
    private static final Layout.Viewer VIEWER = new Layout.Viewer(true, "csrf-token", Optional.empty(), "gateway.home.arpa");

    @TempDir
    Path tmp;
    GatewayStore store;
    String printer;
    String camera;

    @BeforeEach
    void open() throws Exception {
        store = GatewayStores.create(tmp.resolve("gw"));
        printer = device(1, "printer.home.arpa");
        camera = device(2, "camera.home.arpa");
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    private String device(int n, String name) throws Exception {
        byte[] spki = ("a made-up key " + n).getBytes(StandardCharsets.US_ASCII);
        String devId = Digests.devId(spki);
        store.register(devId, Digests.sha256Hex(spki), List.of(name), T0);
        return devId;
    }

    private static Approvals approvals(GatewayStore s, Instant at) {
        return new Approvals(s, NamePolicy.defaults(), Clock.fixed(at, ZoneOffset.UTC));
    }

    private Fleet fleet(Instant at) {
        return new Fleet(store, approvals(store, at), Clock.fixed(at, ZoneOffset.UTC));
    }

    private String row(Fleet f, String devId) throws Exception {
        String html = ApprovalsPage.pendingList(VIEWER, f.pending());
        int start = html.indexOf("<tr data-dev-id=\"" + devId + "\">");
        return start < 0 ? "" : html.substring(start, html.indexOf("</tr>", start));
    }

    @Test
    void theOfferedCodeIsShownBesideItsDeviceAsTheDeviceShowsIt() throws Exception {
        String before = fleet(T0).revision();
        approvals(store, T0).offerPairingCode(printer, "k7qm4xpa");

        Fleet now = fleet(T0.plusSeconds(1));
        assertThat(ApprovalsPage.pendingList(VIEWER, now.pending())).contains("<th scope=\"col\">Pairing code</th>");
        assertThat(row(now, printer)).contains("<code class=\"pairing-code\">K7QM-4XPA</code>");
        assertThat(row(now, camera)).as("offered none (certbot, lego)").contains("<td class=\"no-code\">—</td>")
                .doesNotContain("pairing-code");
        assertThat(now.revision()).as("an open page redraws when the code arrives").isNotEqualTo(before);
        assertThat(ApprovalsPage.render(VIEWER, now.pending(), List.of(), now.revision())).contains("K7QM-4XPA");
    }

    @Test
    void anExpiredCodeIsNoLongerShown() throws Exception {
        approvals(store, T0).offerPairingCode(printer, "K7QM-4XPA");
        Fleet last = fleet(T0.plus(Approvals.PAIRING_TTL).minusMillis(1));
        Fleet expired = fleet(T0.plus(Approvals.PAIRING_TTL));

        assertThat(row(last, printer)).contains("K7QM-4XPA");
        assertThat(row(expired, printer)).doesNotContain("K7QM-4XPA").contains("<td class=\"no-code\">—</td>");
        assertThat(expired.revision()).as("the open page drops it").isNotEqualTo(last.revision());
    }

    @Test
    void aUsedCodeOrADecidedDevicesCodeIsNoLongerShown() throws Exception {
        approvals(store, T0).offerPairingCode(printer, "K7QM-4XPA");
        approvals(store, T0).offerPairingCode(camera, "HUB2-7QXK");
        String both = fleet(T0).revision();

        approvals(store, T0.plusSeconds(5)).approveByCode("K7QM-4XPA", "console");
        approvals(store, T0.plusSeconds(6)).deny(camera, "console");
        store.setState(camera, io.localtrust.store.ApprovalState.PENDING, T0.plusSeconds(7)); // asked again: pending, no code

        Fleet after = fleet(T0.plusSeconds(8));
        String list = ApprovalsPage.pendingList(VIEWER, after.pending());
        assertThat(list).doesNotContain("K7QM-4XPA", "HUB2-7QXK", "data-dev-id=\"" + printer + "\"");
        assertThat(row(after, camera)).contains("<td class=\"no-code\">—</td>");
        assertThat(after.revision()).isNotEqualTo(both);
    }
}
