package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pairing link as a QR code on a terminal (issue 5: "prints both (and a QR code of the pairing
 * link on a terminal)"): {@code device run} under {@code script}, which gives it a pseudo-terminal
 * as a user's shell would, against the shared real gateway; the half-block drawing it prints is
 * read back into modules and decoded with ZXing's QR reader — a phone's job — and must be the
 * pairing link it printed in words, naming the gateway, the dev-id and the code. Off a terminal
 * ({@link DeviceRunTest}'s process) no drawing is printed.
 */
@ExtendWith(SharedGateway.class)
class DevicePairingQrTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String WHITE_ON_BLACK = "\u001b[97;40m";
    private static final String RESET = "\u001b[0m";
    private static final Pattern QR_LINE = Pattern.compile("[\u2588\u2580\u2584 ]{21,}");

    @TempDir
    Path tmp;

    @Test
    void onATerminalThePairingLinkIsDrawnAsAQrCodeAPhoneCanRead(SharedGateway.Running gw) throws Exception {
        List<String> device = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "device", "run", "--gateway", gw.acmeDirectory(), "--name", "qr.home.arpa", "--bind", "127.0.41.40",
                "--http-port", Integer.toString(gw.devicePort()), "--https-port", Integer.toString(GatewayProcess.freePort()),
                "--state", tmp.resolve("qr").toString(), "--ca-bundle", gw.root().toString(), "--password-file",
                gw.adminPassword().toString(), "--poll", "200ms"));
        String command = device.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
        Process script = new ProcessBuilder("script", "-qfec", command, "/dev/null").redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        List<String> raw = new CopyOnWriteArrayList<>();
        List<String> lines = new CopyOnWriteArrayList<>() {
            @Override
            public boolean add(String l) { // what the eye sees: the drawing without its colour codes
                return super.add(l.replace(WHITE_ON_BLACK, "").replace(RESET, ""));
            }
        };
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    lines.add(l.replace("\r", ""));
                    raw.add(l.replace("\r", ""));
                }
            } catch (java.io.IOException ended) {
                // the terminal closed
            }
        });
        try {
            long deadline = System.nanoTime() + WAIT.toNanos();
            List<String> qr = List.of();
            while (System.nanoTime() < deadline && qr.isEmpty()) {
                qr = drawing(lines);
                Thread.sleep(100);
            }
            assertThat(qr).as("a QR drawing after the pairing link, in:\n%s", String.join("\n", lines)).isNotEmpty();
            String printed = lines.stream().map(l -> Pattern.compile("^  Pairing link: (\\S+)$").matcher(l))
                    .filter(Matcher::find).map(m -> m.group(1)).findFirst().orElseThrow();
            String code = lines.stream().map(l -> Pattern.compile("Pairing code: ([A-Z2-9]{4}-[A-Z2-9]{4})").matcher(l))
                    .filter(Matcher::find).map(m -> m.group(1)).findFirst().orElseThrow();
            String devId = lines.stream().map(l -> Pattern.compile("dev-id ([a-z2-7]{26})").matcher(l))
                    .filter(Matcher::find).map(m -> m.group(1)).findFirst().orElseThrow();

            assertThat(raw).as("every drawn line in white on black, whatever the terminal's colours")
                    .filteredOn(l -> l.contains("\u2588")).allMatch(l -> l.startsWith(WHITE_ON_BLACK) && l.endsWith(RESET));
            String decoded = decode(qr);
            assertThat(decoded).as("the QR code is the printed link").isEqualTo(printed);
            Map<String, String> q = query(URI.create(decoded));
            assertThat(decoded).startsWith("localtrust-pair:?");
            assertThat(q).containsEntry("dev-id", devId).containsEntry("code", code)
                    .containsEntry("gateway", gw.acmeDirectory()); // as --gateway gave it
        } finally {
            script.descendants().forEach(ProcessHandle::destroy);
            script.destroy();
            if (!script.waitFor(20, TimeUnit.SECONDS)) {
                script.descendants().forEach(ProcessHandle::destroyForcibly);
                script.destroyForcibly();
            }
        }
    }

    /**
     * The first complete run of half-block lines: a QR code has an odd number of module rows with its
     * quiet zone, so the drawing ends with a line of upper halves only.
     */
    private static List<String> drawing(List<String> lines) {
        List<String> run = new ArrayList<>();
        for (String l : lines) {
            if (!QR_LINE.matcher(l).matches()) {
                run.clear();
                continue;
            }
            run.add(l);
            if (run.size() >= 11 && l.chars().allMatch(c -> c == '\u2580')) {
                return run;
            }
        }
        return List.of(); // none, or still being printed
    }

    /**
     * Reads the drawing back into an image, as a camera would see the screen: each character is a
     * column of two modules, light where drawn; scaled up with a wide light border, decoded by ZXing.
     */
    private static String decode(List<String> drawing) throws Exception {
        int scale = 4;
        int border = 8;
        int modulesWide = drawing.get(0).length();
        int modulesHigh = drawing.size() * 2;
        int w = (modulesWide + 2 * border) * scale;
        int h = (modulesHigh + 2 * border) * scale;
        int[] pixels = new int[w * h];
        java.util.Arrays.fill(pixels, 0xFFFFFF);
        for (int row = 0; row < drawing.size(); row++) {
            String l = drawing.get(row);
            for (int x = 0; x < l.length(); x++) {
                char c = l.charAt(x);
                boolean topLight = c == '\u2588' || c == '\u2580';
                boolean bottomLight = c == '\u2588' || c == '\u2584';
                paint(pixels, w, x + border, 2 * row + border, scale, topLight);
                if (row < drawing.size() - 1) { // the last line's lower halves are below the code: background
                    paint(pixels, w, x + border, 2 * row + 1 + border, scale, bottomLight);
                }
            }
        }
        RGBLuminanceSource source = new RGBLuminanceSource(w, h, pixels);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.FALSE, DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }

    private static void paint(int[] pixels, int w, int mx, int my, int scale, boolean light) {
        for (int dy = 0; dy < scale; dy++) {
            for (int dx = 0; dx < scale; dx++) {
                pixels[(my * scale + dy) * w + mx * scale + dx] = light ? 0xFFFFFF : 0x000000;
            }
        }
    }

    private static Map<String, String> query(URI link) {
        String q = link.getRawSchemeSpecificPart().substring(1);
        return java.util.Arrays.stream(q.split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }
}
