package org.muster.hours;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.springframework.core.io.ClassPathResource;

/**
 * A service certificate as a PDF (PDFBox): A4, the embedded Noto Sans SC subset (so that Chinese shows
 * on any machine, fonts or not), the organisation (and its logo when configured), the volunteer's real
 * name, the period, the total of approved hours, each activity, the issue date, and the verification
 * code with a QR code of its address. A long record goes on over as many pages as it needs.
 */
final class CertificatePdf {

    /** What goes on the certificate, already in the reader's language; {@code verifyUrl} is null when Muster's public address is not known. */
    record Content(String title, String organisation, byte[] logo, String statement, List<String> facts, List<String> columns,
                   List<List<String>> rows, String issued, String codeLabel, String code, String verifyUrl, String verifyHint,
                   String continued) {
    }

    private static final float MARGIN = 56;
    private static final float[] COLUMNS = {0, 80, 280, 400};
    private static final String FONT = "fonts/NotoSansSC-Regular-GB2312.ttf";

    private CertificatePdf() {
    }

    static byte[] of(Content content) {
        try (PDDocument document = new PDDocument(); InputStream fontFile = new ClassPathResource(FONT).getInputStream()) {
            PDType0Font font = PDType0Font.load(document, fontFile, true);
            Function<String, String> printable = text -> printable(font, text);
            Page page = new Page(document, font);
            float y = page.top;
            if (content.logo() != null) {
                PDImageXObject logo = PDImageXObject.createFromByteArray(document, content.logo(), "logo");
                float height = 48;
                float width = logo.getWidth() * height / Math.max(1, logo.getHeight());
                page.stream.drawImage(logo, MARGIN, y - height, width, height);
                y -= height + 12;
            }
            y = page.text(printable.apply(content.organisation()), MARGIN, y, 13);
            y = page.text(printable.apply(content.title()), MARGIN, y - 14, 26);
            y -= 10;
            for (String line : wrap(printable.apply(content.statement()), font, 12, page.width - 2 * MARGIN)) {
                y = page.text(line, MARGIN, y, 12);
            }
            y -= 6;
            for (String fact : content.facts()) {
                y = page.text(printable.apply(fact), MARGIN, y, 12);
            }
            y -= 12;
            y = page.row(content.columns().stream().map(printable).toList(), y, 10);
            for (List<String> row : content.rows()) {
                if (y < MARGIN + 150) {
                    page.text(printable.apply(content.continued()), MARGIN, MARGIN + 130, 9);
                    page.close();
                    page = new Page(document, font);
                    y = page.row(content.columns().stream().map(printable).toList(), page.top, 10);
                }
                y = page.row(row.stream().map(printable).toList(), y, 10);
            }
            // the code and its QR at the foot of the last page
            float foot = MARGIN + 100;
            float x = MARGIN;
            page.text(printable.apply(content.issued()), x, foot, 11);
            page.text(printable.apply(content.codeLabel()) + " " + content.code(), x, foot - 18, 11);
            page.text(printable.apply(content.verifyHint()), x, foot - 36, 9);
            if (content.verifyUrl() != null) {
                // without Muster's public address a QR code would point nowhere: the code alone is printed
                page.qr(content.verifyUrl(), page.width - MARGIN - 90, MARGIN, 90);
                page.text(content.verifyUrl(), x, foot - 50, 8);
            }
            page.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A character the font has no glyph for (a rare name's) is shown as □ rather than failing the whole certificate. */
    static String printable(PDType0Font font, String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            try {
                font.encode(ch);
                out.append(ch);
            } catch (IOException | IllegalArgumentException e) {
                out.append('□');
            }
        });
        return out.toString().replaceAll("[\\p{Cntrl}]", " ");
    }

    private static List<String> wrap(String text, PDType0Font font, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            if (font.getStringWidth(line + ch) / 1000 * size > width && !line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(ch);
            i += Character.charCount(cp);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** One A4 page being drawn. */
    private static final class Page {
        final PDPageContentStream stream;
        final PDType0Font font;
        final float width;
        final float top;

        Page(PDDocument document, PDType0Font font) throws IOException {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            this.stream = new PDPageContentStream(document, page);
            this.font = font;
            this.width = page.getMediaBox().getWidth();
            this.top = page.getMediaBox().getHeight() - MARGIN;
        }

        /** Writes {@code text} with its baseline a line below {@code y}; answers the next line's {@code y}. */
        float text(String text, float x, float y, float size) throws IOException {
            float baseline = y - size;
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(x, baseline);
            stream.showText(text);
            stream.endText();
            return baseline - size * 0.5f;
        }

        float row(List<String> cells, float y, float size) throws IOException {
            float next = y;
            for (int c = 0; c < cells.size() && c < COLUMNS.length; c++) {
                String cell = cells.get(c);
                float room = (c + 1 < COLUMNS.length ? COLUMNS[c + 1] : width - 2 * MARGIN) - COLUMNS[c] - 6;
                while (!cell.isEmpty() && font.getStringWidth(cell) / 1000 * size > room) {
                    cell = cell.substring(0, cell.offsetByCodePoints(cell.length(), -1));
                }
                next = Math.min(next, text(cell, MARGIN + COLUMNS[c], y, size));
            }
            return next - 2;
        }

        void qr(String url, float x, float y, float size) throws IOException {
            BitMatrix matrix;
            try {
                matrix = new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 0, 0,
                        java.util.Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
            } catch (WriterException e) {
                throw new IllegalStateException("a verification address too long for a QR code: " + url.length() + " characters", e);
            }
            float module = size / matrix.getWidth();
            for (int row = 0; row < matrix.getHeight(); row++) {
                for (int col = 0; col < matrix.getWidth(); col++) {
                    if (matrix.get(col, row)) {
                        stream.addRect(x + col * module, y + size - (row + 1) * module, module, module);
                    }
                }
            }
            stream.fill();
        }

        void close() throws IOException {
            stream.close();
        }
    }
}
