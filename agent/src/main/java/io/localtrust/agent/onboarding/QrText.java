package io.localtrust.agent.onboarding;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/**
 * A QR code (ZXing) drawn with Unicode half blocks, two modules per character cell, so a phone
 * can read it off a terminal. Light modules are drawn, dark ones left blank, with a quiet zone of
 * two modules; each line sets bright white on black (ANSI SGR 97;40, reset at its end), so the
 * code is dark on light whatever the terminal's own colours — on a light-themed terminal the
 * drawing alone would come out inverted, which many phone readers do not decode.
 */
public final class QrText {
    /** Bright white foreground on a black background: light modules drawn, dark ones blank. */
    static final String COLOURS = "\u001b[97;40m";
    static final String RESET = "\u001b[0m";

    private QrText() {
    }

    public static String render(String text) {
        BitMatrix m;
        try {
            m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 2, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.L));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code: " + e.getMessage(), e);
        }
        StringBuilder out = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y += 2) {
            out.append(COLOURS);
            for (int x = 0; x < m.getWidth(); x++) {
                boolean top = !m.get(x, y);
                boolean bottom = y + 1 < m.getHeight() && !m.get(x, y + 1);
                out.append(top && bottom ? '\u2588' : top ? '\u2580' : bottom ? '\u2584' : ' ');
            }
            out.append(RESET).append('\n');
        }
        return out.toString();
    }
}
