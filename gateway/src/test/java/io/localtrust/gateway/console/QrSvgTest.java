package io.localtrust.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The trust page's QR code, drawn back from its SVG path and read by ZXing's decoder: it says the root's URL. */
class QrSvgTest {
    @Test
    void theSvgDecodesToTheUrl() throws Exception {
        String url = "http://gateway.home.arpa/ca/root.der";
        String svg = QrSvg.of(url, "QR code");
        assertThat(svg).startsWith("<svg").doesNotContain("<script", "style=");
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertThat(box.find()).isTrue();
        int n = Integer.parseInt(box.group(1));
        int scale = 4;
        int[] pixels = new int[n * scale * n * scale];
        java.util.Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher m = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
        while (m.find()) {
            int x = Integer.parseInt(m.group(1));
            int y = Integer.parseInt(m.group(2));
            for (int dy = 0; dy < scale; dy++) {
                for (int dx = 0; dx < scale; dx++) {
                    pixels[(y * scale + dy) * n * scale + x * scale + dx] = 0xFF000000;
                }
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(n * scale, n * scale, pixels)));
        assertThat(new QRCodeReader().decode(bitmap).getText()).isEqualTo(url);
    }
}
