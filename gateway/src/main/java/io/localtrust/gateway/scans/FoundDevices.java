package io.localtrust.gateway.scans;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.localtrust.practice.Practice;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the devices of a stored {@code localtrust.scan/1} document (docs/scan.md, docs/json.md). */
public final class FoundDevices {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FoundDevices() {
    }

    /**
     * @throws IOException when the document is not JSON or not {@code localtrust.scan/1}
     */
    public static List<FoundDevice> read(String document) throws IOException {
        JsonNode root = JSON.readTree(document);
        if (root == null || !"localtrust.scan/1".equals(root.path("schema").asText())) {
            throw new IOException("not a localtrust.scan/1 document");
        }
        List<FoundDevice> out = new ArrayList<>();
        for (JsonNode d : root.path("devices")) {
            Practice practice;
            try {
                practice = Practice.valueOf(d.path("category").asText());
            } catch (IllegalArgumentException e) {
                throw new IOException("unknown category " + d.path("category").asText());
            }
            List<String> ports = new ArrayList<>();
            Set<String> names = new LinkedHashSet<>();
            Set<String> devIds = new LinkedHashSet<>();
            Optional<Integer> httpsPort = Optional.empty();
            Optional<Instant> notAfter = Optional.empty();
            for (JsonNode e : d.path("endpoints")) {
                if (!e.path("error").isNull() && !e.path("error").isMissingNode()) {
                    continue;
                }
                ports.add(e.path("port").asInt() + "/" + e.path("scheme").asText());
                JsonNode leaf = e.path("tls").path("chain").path(0);
                if (leaf.isMissingNode()) {
                    continue;
                }
                if (httpsPort.isEmpty()) {
                    httpsPort = Optional.of(e.path("port").asInt());
                }
                if (leaf.hasNonNull("devId")) {
                    devIds.add(leaf.get("devId").asText());
                }
                for (JsonNode san : leaf.path("san")) {
                    if (san.asText().startsWith("dns:")) {
                        names.add(san.asText().substring(4));
                    }
                }
                try {
                    Instant t = Instant.parse(leaf.path("notAfter").asText());
                    notAfter = notAfter.filter(x -> x.isBefore(t)).or(() -> Optional.of(t));
                } catch (DateTimeParseException ex) {
                    // an unreadable expiry is shown as unknown
                }
            }
            List<FoundDevice.Finding> findings = new ArrayList<>();
            for (JsonNode f : d.path("findings")) {
                findings.add(new FoundDevice.Finding(f.path("code").asText(), f.path("severity").asText(), f.path("message").asText()));
            }
            out.add(new FoundDevice(d.path("address").asText(d.path("source").asText()), practice, d.path("verdict").asText(), ports,
                    List.copyOf(names), httpsPort, List.copyOf(devIds), notAfter, findings));
        }
        return out;
    }
}
