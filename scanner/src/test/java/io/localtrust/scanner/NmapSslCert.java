package io.localtrust.scanner;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Runs {@code nmap -Pn -n -p PORT --script ssl-cert -oX -} and reads, per address, the certificate
 * fields its ssl-cert script reports: the independent reading the scanner's is compared with.
 */
final class NmapSslCert {
    /** What nmap says of one endpoint's leaf. */
    record Leaf(String commonName, String sha1, String notAfter, String pem, String keyType, int keyBits) {
    }

    private NmapSslCert() {
    }

    static Map<String, Leaf> scan(int port, List<String> addresses) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("nmap", "-Pn", "-n", "-p", String.valueOf(port), "--script", "ssl-cert", "-oX", "-"));
        cmd.addAll(addresses);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] xml = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("nmap failed: " + cmd);
        }
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        Map<String, Leaf> out = new HashMap<>();
        NodeList hosts = doc.getElementsByTagName("host");
        for (int i = 0; i < hosts.getLength(); i++) {
            Element host = (Element) hosts.item(i);
            String addr = ((Element) host.getElementsByTagName("address").item(0)).getAttribute("addr");
            NodeList scripts = host.getElementsByTagName("script");
            for (int j = 0; j < scripts.getLength(); j++) {
                Element s = (Element) scripts.item(j);
                if (s.getAttribute("id").equals("ssl-cert")) {
                    out.put(addr, new Leaf(elem(table(s, "subject"), "commonName"), elem(s, "sha1"), elem(table(s, "validity"), "notAfter"),
                            elem(s, "pem"), elem(table(s, "pubkey"), "type"), Integer.parseInt(elem(table(s, "pubkey"), "bits"))));
                }
            }
        }
        return out;
    }

    private static Element table(Element parent, String key) {
        NodeList t = parent.getElementsByTagName("table");
        for (int i = 0; i < t.getLength(); i++) {
            Element e = (Element) t.item(i);
            if (e.getAttribute("key").equals(key)) {
                return e;
            }
        }
        throw new IllegalStateException("nmap output has no table " + key);
    }

    private static String elem(Element parent, String key) {
        NodeList t = parent.getElementsByTagName("elem");
        for (int i = 0; i < t.getLength(); i++) {
            Element e = (Element) t.item(i);
            if (e.getAttribute("key").equals(key) && e.getParentNode() == parent) {
                return e.getTextContent();
            }
        }
        throw new IllegalStateException("nmap output has no elem " + key);
    }
}
