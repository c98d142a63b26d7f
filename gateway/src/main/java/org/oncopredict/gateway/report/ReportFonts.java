package org.oncopredict.gateway.report;

import java.awt.Color;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;

import com.lowagie.text.Font;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.FontMapper;
import com.lowagie.text.pdf.FontSelector;

/**
 * The report fonts, bundled in the gateway (see {@code report-fonts/LICENSES.md}) and embedded as subsets in every
 * PDF: DejaVu Sans for Latin, Greek and Cyrillic, Droid Sans Fallback for what DejaVu lacks (CJK). Loaded once; the
 * {@link BaseFont}s are thread-safe for reading.
 * <p>
 * {@link FontSelector}s are kept per size, weight and colour: OpenPDF's constructor registers and parses its own
 * fallback font (LiberationSans, read from its jar) every time, which made one selector per phrase cost about 2 GB of
 * allocation and most of the layout time of a report. {@code process} only reads the selector's font list, so a built
 * selector is shared across threads.
 */
@ApplicationScoped
public class ReportFonts {

    static {
        // Charts are drawn through AWT's Graphics2D: never try to open a display on a server.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final BaseFont regular;
    private final BaseFont bold;
    private final BaseFont fallback;
    private final java.awt.Font awtRegular;
    private final java.util.concurrent.ConcurrentMap<Style, FontSelector> selectors =
            new java.util.concurrent.ConcurrentHashMap<>();

    private record Style(float size, boolean bold, int rgb) {
    }

    public ReportFonts() {
        regular = load("DejaVuSans.ttf");
        bold = load("DejaVuSans-Bold.ttf");
        fallback = load("DroidSansFallbackFull.ttf");
        awtRegular = awt("DejaVuSans.ttf");
    }

    /** Text in the body font, switching to the CJK fallback per character where DejaVu Sans has no glyph. */
    public Phrase phrase(String text, float size, boolean isBold, Color color) {
        FontSelector selector = selectors.computeIfAbsent(new Style(size, isBold, color.getRGB()), s -> {
            FontSelector built = new FontSelector();
            built.addFont(new Font(isBold ? bold : regular, size, Font.NORMAL, color));
            built.addFont(new Font(fallback, size, Font.NORMAL, color));
            return built;
        });
        return selector.process(text == null ? "" : text);
    }

    public Phrase phrase(String text, float size, boolean isBold) {
        return phrase(text, size, isBold, Color.BLACK);
    }

    public BaseFont regular() {
        return regular;
    }

    /** The AWT font the charts are laid out with; {@link #chartMapper()} maps it to the embedded DejaVu Sans. */
    public java.awt.Font chartFont(float size, boolean isBold) {
        return awtRegular.deriveFont(isBold ? java.awt.Font.BOLD : java.awt.Font.PLAIN, size);
    }

    /** Maps every AWT font a chart uses to the embedded PDF fonts (bold to DejaVu Sans Bold). */
    public FontMapper chartMapper() {
        return new FontMapper() {
            @Override
            public BaseFont awtToPdf(java.awt.Font font) {
                return font.isBold() ? bold : regular;
            }

            @Override
            public java.awt.Font pdfToAwt(BaseFont font, int size) {
                return awtRegular.deriveFont((float) size);
            }
        };
    }

    private static BaseFont load(String file) {
        try (InputStream in = resource(file)) {
            byte[] bytes = in.readAllBytes();
            return BaseFont.createFont(file, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, bytes, null);
        } catch (IOException e) {
            throw new UncheckedIOException("report font " + file + " could not be read", e);
        }
    }

    private static java.awt.Font awt(String file) {
        try (InputStream in = resource(file)) {
            java.awt.Font f = java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT, in);
            GraphicsEnvironment.getLocalGraphicsEnvironment().registerFont(f);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException("report font " + file + " could not be read", e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("report font " + file + " is not a TrueType font", e);
        }
    }

    private static InputStream resource(String file) throws IOException {
        InputStream in = ReportFonts.class.getClassLoader().getResourceAsStream("report-fonts/" + file);
        if (in == null) {
            throw new IOException("report-fonts/" + file + " is not on the class path");
        }
        return in;
    }
}
