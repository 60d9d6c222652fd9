package io.localtrust.agent.web;

import io.localtrust.agent.onboarding.OnboardingStatus;
import io.localtrust.agent.onboarding.OnboardingStatus.Phase;
import java.time.format.DateTimeFormatter;

/**
 * The plain-HTTP page a device serves until it has a certificate: where onboarding stands, its
 * name and dev-id, and — while it waits for the owner — the pairing code to compare with the
 * gateway's console or type there.
 * No secret beyond that short-lived code, no admin function, no form: nothing here is worth
 * intercepting on the LAN. It refreshes itself every 5 seconds.
 */
final class OnboardingPage {
    private OnboardingPage() {
    }

    static Page render(DeviceView d) {
        OnboardingStatus s = d.onboarding();
        StringBuilder b = new StringBuilder("<h1>").append(Html.escape(d.name())).append("</h1>");
        b.append("<p>This device is not set up for HTTPS yet: it has no certificate from the gateway.</p>");
        b.append("<table><tr><td>dev-id</td><td><code>").append(Html.escape(d.devId())).append("</code></td></tr>");
        b.append("<tr><td>status</td><td id=\"phase\">").append(phase(s.phase())).append("</td></tr>");
        b.append("<tr><td></td><td id=\"detail\">").append(Html.escape(s.detail())).append("</td></tr>");
        s.retryAt().ifPresent(t -> b.append("<tr><td>next attempt</td><td>").append(DateTimeFormatter.ISO_INSTANT.format(t))
                .append("</td></tr>"));
        b.append("</table>");
        d.clockWarning().ifPresent(w -> b.append("<p id=\"clock-warning\"><strong>Clock: ").append(Html.escape(w))
                .append("</strong></p>"));
        if (s.phase() == Phase.WAITING_FOR_APPROVAL && s.pairing().isPresent()) {
            b.append("<p>To approve this device, check that the gateway's console shows this pairing code beside it and"
                    + " press Approve there, or type the code on the gateway"
                    + " (<code>localtrust gateway approve --code CODE</code>):</p><p class=\"code\" id=\"pairing-code\">")
                    .append(Html.escape(s.pairing().get().code())).append("</p>");
        }
        if (s.phase() == Phase.DENIED) {
            b.append("<p id=\"denied\"><strong>The gateway's owner denied this device.</strong> It gets no certificate and"
                    + " serves no admin page. Start it with <code>--reset-identity</code> to ask again as a new device.</p>");
        }
        return Page.html(200, d.name() + " — onboarding", b.toString()).with("Refresh", "5");
    }

    static String phase(Phase p) {
        return switch (p) {
            case CONTACTING -> "contacting the gateway";
            case VALIDATING -> "proving its name and address to the gateway";
            case WAITING_FOR_APPROVAL -> "waiting for the owner's approval";
            case ISSUED -> "certificate issued";
            case DENIED -> "denied by the gateway's owner";
            case FAILED -> "failed, retrying";
        };
    }
}
