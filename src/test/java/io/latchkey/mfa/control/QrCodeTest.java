package io.latchkey.mfa.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.RGBLuminanceSource;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The enrolment QR code reads back as the URI it was made of, as a phone's camera would read it. */
class QrCodeTest {

    static final String URI = "otpauth://totp/Latchkey:ada%40example.test?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
            + "&issuer=Latchkey&algorithm=SHA1&digits=6&period=30";
    static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) \\d+\"");
    static final Pattern MODULE = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z");
    static final int PIXELS_PER_MODULE = 4;

    @Test
    void theSvgDecodesToTheUri() throws Exception {
        String dataUri = QrCode.svgDataUri(URI);
        assertTrue(dataUri.startsWith("data:image/svg+xml;base64,"));
        String svg = new String(Base64.getDecoder().decode(dataUri.substring(dataUri.indexOf(',') + 1)),
                StandardCharsets.UTF_8);
        assertEquals(URI, decode(svg));
    }

    /** Draws the SVG's modules as pixels (white background, black squares) and lets ZXing's reader find the code. */
    static String decode(String svg) throws Exception {
        Matcher box = VIEW_BOX.matcher(svg);
        assertTrue(box.find(), "the SVG has a view box");
        int size = Integer.parseInt(box.group(1)) * PIXELS_PER_MODULE;
        int[] pixels = new int[size * size];
        java.util.Arrays.fill(pixels, 0xffffffff);
        Matcher module = MODULE.matcher(svg);
        while (module.find()) {
            int x = Integer.parseInt(module.group(1)) * PIXELS_PER_MODULE;
            int y = Integer.parseInt(module.group(2)) * PIXELS_PER_MODULE;
            for (int dy = 0; dy < PIXELS_PER_MODULE; dy++) {
                for (int dx = 0; dx < PIXELS_PER_MODULE; dx++) {
                    pixels[(y + dy) * size + x + dx] = 0xff000000;
                }
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(size, size, pixels)));
        return new QRCodeReader().decode(bitmap).getText();
    }
}
