package io.localtrust.gateway.console;

import io.localtrust.authority.KeyCeremony;
import io.localtrust.authority.NamePolicy;
import io.localtrust.x509.Cert;

/**
 * "Trust this gateway": how a person installs the gateway's root in each system and browser,
 * and why that is safe — the root's name constraints limit it to the home's names, so it cannot
 * vouch for a bank. Public (the root certificate is public), served over plain HTTP too, since a
 * browser that does not trust the gateway yet is exactly who needs it. The root comes as PEM and
 * DER from {@code /ca/}, with its SHA-256 fingerprint to compare and a QR code for phones
 * pointing at the plain-HTTP DER URL. A script checks live whether this browser already trusts
 * the gateway, by fetching a resource from the gateway's HTTPS origin: the fetch fails on any
 * certificate error.
 */
final class TrustPage {
    private TrustPage() {
    }

    static String render(Layout.Viewer v, Cert root, NamePolicy names, String rootDerUrl, String checkUrl) {
        String fp = KeyCeremony.colonFingerprint(root);
        StringBuilder b = new StringBuilder();
        b.append("<section aria-labelledby=\"check-h\"><h2 id=\"check-h\">Does this browser trust the gateway?</h2>")
                .append("<p id=\"trust-check\" data-check=\"").append(Html.esc(checkUrl)).append("\" class=\"pending\">")
                .append("Checking… (this needs JavaScript; without it, open <a href=\"").append(Html.esc(checkUrl))
                .append("\">the check page</a>: no certificate warning means it is trusted)</p></section>");

        b.append("<section aria-labelledby=\"root-h\"><h2 id=\"root-h\">The gateway's root certificate</h2>")
                .append("<p>Download: <a id=\"root-pem\" href=\"/ca/root.pem\" download=\"localtrust-root.pem\">PEM</a> · ")
                .append("<a id=\"root-der\" href=\"/ca/root.der\" download=\"localtrust-root.crt\">DER (.crt)</a></p>")
                .append("<p>SHA-256 fingerprint — compare it with what your system shows before you trust it:</p>")
                .append("<p><code id=\"fingerprint\">").append(Html.esc(fp)).append("</code></p>")
                .append("<figure>").append(QrSvg.of(rootDerUrl, "QR code for " + rootDerUrl))
                .append("<figcaption>On a phone on the home network: scan to download <code>").append(Html.esc(rootDerUrl))
                .append("</code></figcaption></figure>")
                .append("<p><strong>Why this is safe:</strong> the root is name-constrained. It can vouch only for ")
                .append("<span id=\"constraints\">").append(Html.esc(names.describe())).append("</span>. A certificate it signed for any")
                .append(" other name — your bank, your mail — is rejected by browsers (Chrome 112+, Firefox, Safari), even if")
                .append(" the gateway were stolen. Its key is kept offline after set-up; devices are certified by an issuing CA")
                .append(" under the same constraints.</p></section>");

        b.append("<section aria-labelledby=\"steps-h\"><h2 id=\"steps-h\">Install it</h2>");
        step(b, "windows", "Windows (Edge, Chrome)", "Download the DER (.crt) file and open it.",
                "Choose <em>Install Certificate…</em>, <em>Current User</em>, then <em>Place all certificates in the following store</em>"
                        + " → <em>Trusted Root Certification Authorities</em>.",
                "Check the SHA-256 fingerprint on the <em>Details</em> tab, accept the warning, and restart the browser.");
        step(b, "macos", "macOS (Safari, Chrome)", "Download the DER (.crt) file and open it: Keychain Access adds it to <em>login</em>.",
                "Double-click the certificate in Keychain Access, open <em>Trust</em>, set <em>When using this certificate</em> to"
                        + " <em>Always Trust</em>, and close the window (your password is asked).",
                "Compare the SHA-256 fingerprint shown there.");
        step(b, "ios", "iPhone and iPad", "Scan the QR code (or open the DER link) in Safari and allow the download of the profile.",
                "Settings → <em>Profile Downloaded</em> → <em>Install</em>.",
                "Settings → General → About → <em>Certificate Trust Settings</em>: turn on full trust for the gateway's root.");
        step(b, "android", "Android", "Scan the QR code (or open the DER link) and save the file.",
                "Settings → Security → <em>Encryption &amp; credentials</em> → <em>Install a certificate</em> → <em>CA certificate</em>,"
                        + " and pick the file.",
                "Chrome trusts user CAs; some apps do not, by design.");
        step(b, "linux", "Linux: Chromium and Chrome (NSS)", "Download the PEM file.",
                "Run <code>certutil -d sql:$HOME/.pki/nssdb -A -t \"C,,\" -n \"localtrust gateway\" -i localtrust-root.pem</code>"
                        + " (package <code>libnss3-tools</code>), or Settings → Privacy and security → Security → Manage certificates"
                        + " → Authorities → Import.",
                "Restart the browser.");
        step(b, "firefox", "Firefox (every system)", "Download the PEM file.",
                "Settings → Privacy &amp; Security → Certificates → <em>View Certificates…</em> → Authorities → <em>Import…</em>.",
                "Tick <em>Trust this CA to identify websites</em>; compare the fingerprint with <em>View</em>.");
        b.append("</section>");
        return Layout.page("Trust this gateway", "trust", v, b.toString());
    }

    private static void step(StringBuilder b, String id, String title, String... steps) {
        b.append("<details id=\"os-").append(id).append("\"><summary>").append(title).append("</summary><ol>");
        for (String s : steps) {
            b.append("<li>").append(s).append("</li>");
        }
        b.append("</ol></details>");
    }
}
