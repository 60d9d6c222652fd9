package io.localtrust.authority;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localtrust.locality.Cidr;
import io.localtrust.x509.KeyKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code gateway.json}: written once by the ceremony, read at every start. Field by field, versioned. */
final class ConfigJson {
    static final String SCHEMA = "localtrust.gateway/1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConfigJson() {
    }

    static byte[] write(GatewayConfig c) throws IOException {
        return write(c, KeyCustody.files());
    }

    /** With where the CA keys live ({@code keyCustody}; absent in older files: files). */
    static byte[] write(GatewayConfig c, KeyCustody custody) throws IOException {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("schema", SCHEMA);
        n.put("name", c.name());
        var dns = n.putArray("permittedDns");
        c.names().dnsSubtrees().forEach(dns::add);
        var ips = n.putArray("permittedIp");
        c.names().ipRanges().forEach(r -> ips.add(r.toString()));
        n.put("keyKind", c.keyKind().name());
        n.put("leafLifetime", c.leafLifetime().toString());
        n.put("baseUrl", c.baseUrl());
        n.put("adminTokenSha256", c.adminTokenHash());
        n.put("created", c.created().toString());
        if (c.localDeviceEku().isPresent()) {
            n.put("localDeviceEku", c.localDeviceEku().get());
        } else {
            n.putNull("localDeviceEku");
        }
        n.put("lapsedDevices", c.lapsedDevices().json());
        ObjectNode k = n.putObject("keyCustody");
        k.put("kind", custody.kind().json());
        if (custody.inToken()) {
            k.put("pkcs11Config", custody.pkcs11Config().toString());
            k.put("rootLabel", custody.rootLabel());
            k.put("issuingLabel", custody.issuingLabel());
            if (custody.pinFile() != null) {
                k.put("pinFile", custody.pinFile().toString());
            }
        }
        return (MAPPER.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code keyCustody} of gateway.json: files when absent. */
    static KeyCustody readCustody(Path file) throws KeyCustodyException {
        JsonNode k;
        try {
            k = MAPPER.readTree(Files.readAllBytes(file)).path("keyCustody");
        } catch (IOException | RuntimeException e) {
            throw new KeyCustodyException(file + ": not valid JSON");
        }
        if (k.isMissingNode() || k.isNull()) {
            return KeyCustody.files();
        }
        try {
            KeyCustody.Kind kind = KeyCustody.Kind.parse(k.path("kind").asText());
            if (kind == KeyCustody.Kind.FILES) {
                return KeyCustody.files();
            }
            String pin = k.path("pinFile").asText(null);
            return new KeyCustody(kind, Path.of(k.path("pkcs11Config").asText()), k.path("rootLabel").asText(),
                    k.path("issuingLabel").asText(), pin == null ? null : Path.of(pin));
        } catch (RuntimeException e) {
            throw new KeyCustodyException(file + ": damaged keyCustody (" + e.getMessage() + ")");
        }
    }

    static GatewayConfig read(Path file) throws KeyCustodyException {
        JsonNode n;
        try {
            n = MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new KeyCustodyException(file.getParent() + " is not a gateway directory (no gateway.json): run `localtrust gateway init --dir "
                    + file.getParent() + "` first");
        } catch (IOException e) {
            throw new KeyCustodyException(file + ": not valid JSON");
        }
        if (n == null || !SCHEMA.equals(n.path("schema").asText())) {
            throw new KeyCustodyException(file + ": not a localtrust gateway configuration (schema " + SCHEMA + ")");
        }
        try {
            List<String> dns = new ArrayList<>();
            n.path("permittedDns").forEach(d -> dns.add(d.asText()));
            List<Cidr> ips = new ArrayList<>();
            for (JsonNode ip : n.path("permittedIp")) {
                ips.add(Cidr.parse(ip.asText()));
            }
            return new GatewayConfig(n.path("name").asText(), new NamePolicy(dns, ips),
                    KeyKind.valueOf(n.path("keyKind").asText()), Duration.parse(n.path("leafLifetime").asText()),
                    n.path("baseUrl").asText(), n.path("adminTokenSha256").asText(), Instant.parse(n.path("created").asText()),
                    // absent (made before the option existed): the default; null: none
                    !n.has("localDeviceEku") ? java.util.Optional.of(io.localtrust.x509.Oids.KP_LOCAL_DEVICE)
                            : n.get("localDeviceEku").isNull() ? java.util.Optional.empty()
                            : java.util.Optional.of(n.get("localDeviceEku").asText()),
                    // absent (made before the setting existed): the default
                    n.has("lapsedDevices") ? LapsePolicy.parse(n.get("lapsedDevices").asText()) : LapsePolicy.REAPPROVE);
        } catch (RuntimeException e) {
            throw new KeyCustodyException(file + ": damaged gateway configuration (" + e.getMessage() + ")");
        }
    }
}
