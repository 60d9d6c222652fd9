package io.localtrust.scanner.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localtrust.practice.Practice;
import io.localtrust.practice.json.DeviceJson;
import io.localtrust.practice.observe.DeviceObservation;
import io.localtrust.practice.observe.EndpointObservation;
import io.localtrust.scanner.ScanResult;
import java.util.Map;

/**
 * Writes the {@code localtrust.scan/1} document (docs/scan.md). Each device is exactly the record
 * {@code inspect --json} prints ({@link DeviceJson#device}), so one reader handles both; built node
 * by node so that a Java rename never changes the published format.
 */
public final class ScanJson {
    public static final String SCHEMA = "localtrust.scan/1";

    private ScanJson() {
    }

    public static String document(ScanResult r) {
        return DeviceJson.write(tree(r)) + "\n";
    }

    /** The document as a tree (the HTML report embeds it). */
    public static ObjectNode tree(ScanResult r) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("schema", SCHEMA);
        root.put("started", r.started().toString());
        root.put("finished", r.finished().toString());
        ArrayNode targets = root.putArray("targets");
        r.targets().forEach(targets::add);
        ArrayNode ports = root.putArray("ports");
        r.ports().forEach(ports::add);
        root.put("probes", r.probes());
        root.put("unprobed", r.unprobed());
        ArrayNode devices = root.putArray("devices");
        r.devices().forEach(d -> devices.add(DeviceJson.device(d)));
        ArrayNode unanswered = root.putArray("unanswered");
        r.unanswered().forEach(d -> unanswered.add(unanswered(d)));
        ObjectNode summary = root.putObject("summary");
        for (Map.Entry<Practice, Integer> e : r.summary().entrySet()) {
            summary.put(e.getKey().name(), e.getValue());
        }
        return root;
    }

    private static ObjectNode unanswered(DeviceObservation d) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("address", d.address().orElse(null));
        n.put("source", d.source());
        ArrayNode eps = n.putArray("endpoints");
        for (EndpointObservation e : d.endpoints()) {
            ObjectNode en = eps.addObject();
            en.put("port", e.port().orElse(0));
            en.put("scheme", e.scheme().id());
            en.put("error", e.error().orElse(null));
        }
        return n;
    }
}
