package io.localtrust.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's {@code chromium}, headless, driven over the DevTools protocol (the protocol chromedriver
 * and Selenium speak to it; Selenium is not in the offline Maven repository). It runs with
 * {@code HOME} set to a fresh directory so its NSS database ({@code $HOME/.pki/nssdb}) is the one
 * filled with {@code certutil} ({@link NssHome}), and with {@code --host-resolver-rules} mapping
 * names to loopback addresses. {@link #open} navigates a fresh tab and reports what a user would
 * see: the network error (e.g. {@code net::ERR_CERT_INVALID}) or the page, whether it is a secure
 * context, and Chromium's own security state for the padlock. The demo shows its verdict on the
 * live fleet ({@link DemoChromium}); the padlock, console and report tests drive it too.
 */
final class Chromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STEP = Duration.ofSeconds(60);

    /** What one navigation showed. */
    record Visit(Optional<String> error, boolean secureContext, String securityState, String text) {
        /** What a user sees: the page with a padlock — no certificate error, Chromium's state {@code secure}, a secure context. */
        boolean padlock() {
            return error.isEmpty() && secureContext && "secure".equals(securityState);
        }
    }

    /** {@code command} as an executable file in the first directory of {@code path} (as {@code $PATH}) that has one. */
    static Optional<Path> onPath(String command, String path) {
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    /**
     * Starts Chromium with {@code home} as HOME (its {@code .pki/nssdb} must exist) and the given
     * {@code MAP name address} rules.
     *
     * @throws IOException Chromium did not start, or its DevTools endpoint did not answer
     */
    Chromium(Path home, Path log, List<String> resolverRules) throws IOException, InterruptedException {
        this("chromium", home, log, resolverRules);
    }

    /** As {@link #Chromium(Path, Path, List)}, running {@code executable}. */
    Chromium(String executable, Path home, Path log, List<String> resolverRules) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(home.resolve("profile"));
        List<String> cmd = new ArrayList<>(List.of(executable, "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0", "--host-resolver-rules=" + String.join(", ", resolverRules), "about:blank"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("HOME", home.toString());
        process = pb.start();
        Path active = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + STEP.toNanos();
        while (!Files.exists(active) || Files.readAllLines(active).size() < 2) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("chromium did not start: " + lastLine(log));
            }
            Thread.sleep(100);
        }
        List<String> lines = Files.readAllLines(active);
        URI ws = URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
        try {
            socket = http.newWebSocketBuilder().buildAsync(ws, new Listener()).get(STEP.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("chromium's DevTools endpoint did not answer: " + e.getMessage(), e);
        }
    }

    /** The last line Chromium logged, for a one-line error. */
    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "it exited without a word" : lines.get(lines.size() - 1).strip();
    }

    /**
     * Opens {@code url} in a new tab and waits for it to load (or fail). Tabs are independent:
     * several may be opened at once from different threads.
     */
    Visit open(String url) throws IOException, InterruptedException {
        return open(url, Optional.empty());
    }

    /**
     * Opens {@code url} in a new tab, waits for it to load, then — when given — runs {@code action}
     * in the page (e.g. fills and submits a form, as a user would) and waits for the next load.
     */
    Visit open(String url, Optional<String> action) throws IOException, InterruptedException {
        String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
        String session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true)).path("sessionId").asText();
        call(session, "Page.enable", Map.of());
        call(session, "Security.enable", Map.of());
        int mark = events.size();
        JsonNode nav = call(session, "Page.navigate", Map.of("url", url));
        Optional<String> error = Optional.of(nav.path("errorText").asText("")).filter(s -> !s.isEmpty());
        awaitEvent(session, "Page.loadEventFired", mark);
        if (action.isPresent() && error.isEmpty()) {
            mark = events.size();
            call(session, "Runtime.evaluate", Map.of("expression", action.get()));
            awaitEvent(session, "Page.loadEventFired", mark);
        }
        boolean secure = call(session, "Runtime.evaluate", Map.of("expression", "window.isSecureContext", "returnByValue", true))
                .path("result").path("value").asBoolean(false);
        String text = call(session, "Runtime.evaluate", Map.of("expression",
                "document.title + '\\n' + (document.body ? document.body.innerText : '')", "returnByValue", true))
                .path("result").path("value").asText("");
        String state = "unknown";
        for (JsonNode e : eventsSince(mark)) {
            if (e.path("method").asText().equals("Security.visibleSecurityStateChanged") && session.equals(e.path("sessionId").asText())) {
                state = e.path("params").path("visibleSecurityState").path("securityState").asText();
            }
        }
        call(null, "Target.closeTarget", Map.of("targetId", target));
        return new Visit(error, secure, state, text);
    }

    /**
     * Opens {@code url}, waits for it to load, evaluates each expression in turn (as a user's
     * clicks and reads would happen) and returns their values as strings; when {@code screenshot}
     * is given, saves a PNG of the page as it is after the last one.
     */
    List<String> evaluate(String url, List<String> expressions, Optional<Path> screenshot) throws IOException, InterruptedException {
        String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
        String session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true)).path("sessionId").asText();
        call(session, "Page.enable", Map.of());
        int mark = events.size();
        JsonNode nav = call(session, "Page.navigate", Map.of("url", url));
        if (!nav.path("errorText").asText("").isEmpty()) {
            throw new IOException(url + ": " + nav.path("errorText").asText());
        }
        awaitEvent(session, "Page.loadEventFired", mark);
        List<String> values = new ArrayList<>();
        for (String e : expressions) {
            JsonNode r = call(session, "Runtime.evaluate", Map.of("expression", e, "returnByValue", true));
            if (r.has("exceptionDetails")) {
                throw new IOException(e + ": " + r.get("exceptionDetails"));
            }
            values.add(r.path("result").path("value").asText());
        }
        if (screenshot.isPresent()) {
            String png = call(session, "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true)).path("data").asText();
            Files.write(screenshot.get(), java.util.Base64.getDecoder().decode(png));
        }
        call(null, "Target.closeTarget", Map.of("targetId", target));
        return values;
    }

    /**
     * The events received since the {@code from}-th, as a snapshot: other tabs' events keep arriving
     * while this one reads them (a sub-list view of the live list throws when it grows meanwhile).
     */
    private List<JsonNode> eventsSince(int from) {
        List<JsonNode> all = List.copyOf(events);
        return all.subList(Math.min(from, all.size()), all.size());
    }

    private void awaitEvent(String session, String method, int from) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode e : eventsSince(from)) {
                if (e.path("method").asText().equals(method) && session.equals(e.path("sessionId").asText())) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new IOException("chromium sent no " + method + " within " + STEP.toSeconds() + " s");
    }

    private JsonNode call(String session, String method, Map<String, Object> params) throws IOException, InterruptedException {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", JSON.valueToTree(params));
        if (session != null) {
            msg.put("sessionId", session);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        JsonNode r;
        try {
            synchronized (socket) { // one message at a time on the socket: tabs may be driven from several threads
                socket.sendText(JSON.writeValueAsString(msg), true).get(STEP.toSeconds(), TimeUnit.SECONDS);
            }
            r = reply.get(STEP.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("chromium did not answer " + method + ": " + e.getMessage(), e);
        } finally {
            pending.remove(id);
        }
        if (r.has("error")) {
            throw new IOException(method + ": " + r.get("error"));
        }
        return r.path("result");
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode n = JSON.readTree(partial.toString());
                    if (n.has("id")) {
                        CompletableFuture<JsonNode> f = pending.remove(n.get("id").asInt());
                        if (f != null) {
                            f.complete(n);
                        }
                    } else {
                        events.add(n);
                    }
                } catch (java.io.IOException e) {
                    events.add(JSON.createObjectNode().put("method", "unparsable"));
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the browser is killed next anyway
        }
        List<ProcessHandle> helpers = process.descendants().toList(); // renderer, network service, zygotes
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (ProcessHandle h : helpers) {
                h.destroy();
                h.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            helpers.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            helpers.forEach(ProcessHandle::destroyForcibly);
        }
        http.close();
    }
}
