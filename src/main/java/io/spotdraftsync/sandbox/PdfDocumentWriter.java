package io.spotdraftsync.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Writes a minimal, valid PDF 1.7 of an exact byte size, streaming, so that documents of any size (a gigabyte
 * included) never sit in memory.
 *
 * <p>Layout: catalog, page tree, one page whose content shows a line naming the contract, a font, an info
 * dictionary, then an unreferenced stream object full of pseudo-random bytes whose length makes the file reach
 * the target size, and a classic cross-reference table. The same (seed, document key, title, size) always gives
 * the same bytes.
 */
public final class PdfDocumentWriter {

    /** Smallest size the layout fits in, whatever the title. */
    public static final long MINIMUM_SIZE = 2048;

    private static final int TITLE_MAX_CODE_POINTS = 80;
    private static final int OBJECT_COUNT = 7;
    private static final int FILLER_OBJECT = 7;
    private static final int CHUNK = 64 * 1024;
    private static final String FILLER_TAIL = "\nendstream\nendobj\n";
    private static final String TRAILER_END = " >>\nstartxref\n";
    private static final String EOF_MARKER = "\n%%EOF\n";

    private PdfDocumentWriter() {
    }

    /**
     * @param documentKey what makes this document unique besides the seed, for example {@code "T-12 v5001"}
     * @param title the text line shown on the page (non-Latin characters show as '?', the info title keeps them)
     * @param sizeBytes exact size of the file, at least {@link #MINIMUM_SIZE}
     */
    public static void write(OutputStream out, long seed, String documentKey, String title, long sizeBytes)
            throws IOException {
        if (sizeBytes < MINIMUM_SIZE) {
            throw new IllegalArgumentException("A sandbox PDF needs at least " + MINIMUM_SIZE + " bytes, asked " + sizeBytes);
        }
        String shortTitle = truncate(title);
        long[] offsets = new long[OBJECT_COUNT + 1];
        byte[] prefix = prefix(documentKey, shortTitle, offsets);
        offsets[FILLER_OBJECT] = prefix.length;
        String trailerStart = trailerStart(seed, documentKey);
        Layout layout = Layout.solve(sizeBytes, prefix.length, trailerStart.length());

        out.write(prefix);
        out.write(ascii(fillerHeader(layout.fillerLength())));
        writeFiller(out, Seeds.stream(seed, "pdf-filler", documentKey), layout.fillerLength());
        out.write(ascii(FILLER_TAIL));
        out.write(ascii(crossReferenceTable(offsets)));
        out.write(ascii(trailerStart + " ".repeat(layout.trailerPadding()) + TRAILER_END
                + layout.crossReferenceOffset() + EOF_MARKER));
    }

    private static byte[] prefix(String documentKey, String title, long[] offsets) {
        String content = "BT\n/F1 16 Tf\n72 720 Td\n(" + winAnsiLiteral(title) + ") Tj\n/F1 10 Tf\n0 -24 Td\n("
                + winAnsiLiteral(documentKey + " - synthetic document served by the SpotDraft sandbox") + ") Tj\nET";
        String[] objects = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
            "<< /Title <" + utf16Hex(title) + "> /Subject (" + winAnsiLiteral(documentKey)
                    + ") /Producer (spotdraft-sync sandbox) >>",
        };
        ByteArrayOutputStream prefix = new ByteArrayOutputStream(2048);
        prefix.writeBytes(ascii("%PDF-1.7\n"));
        // a comment of four high bytes tells transfer tools that the file is binary (PDF 32000-1, 7.5.2)
        prefix.writeBytes(new byte[] {'%', (byte) 0xE2, (byte) 0xE3, (byte) 0xCF, (byte) 0xD3, '\n'});
        for (int number = 1; number <= objects.length; number++) {
            offsets[number] = prefix.size();
            prefix.writeBytes(ascii(number + " 0 obj\n" + objects[number - 1] + "\nendobj\n"));
        }
        return prefix.toByteArray();
    }

    private static String crossReferenceTable(long[] offsets) {
        StringBuilder table = new StringBuilder("xref\n0 " + (OBJECT_COUNT + 1) + "\n0000000000 65535 f \n");
        for (int number = 1; number <= OBJECT_COUNT; number++) {
            table.append(String.format("%010d 00000 n \n", offsets[number]));
        }
        return table.toString();
    }

    private static int crossReferenceTableLength() {
        return "xref\n0 8\n".length() + 20 * (OBJECT_COUNT + 1);
    }

    /** The trailer dictionary up to where padding may go. */
    private static String trailerStart(long seed, String documentKey) {
        byte[] id = new byte[16];
        Seeds.stream(seed, "pdf-id", documentKey).nextBytes(id);
        String hex = HexFormat.of().withUpperCase().formatHex(id);
        return "trailer\n<< /Size " + (OBJECT_COUNT + 1) + " /Root 1 0 R /Info 6 0 R /ID [<" + hex + "> <" + hex + ">]";
    }

    private static String fillerHeader(long fillerLength) {
        return FILLER_OBJECT + " 0 obj\n<< /Length " + fillerLength + " >>\nstream\n";
    }

    private static void writeFiller(OutputStream out, SplittableRandom random, long length) throws IOException {
        byte[] chunk = new byte[CHUNK];
        long remaining = length;
        while (remaining > 0) {
            int count = (int) Math.min(CHUNK, remaining);
            // whole 8-byte words, so the byte sequence does not depend on the chunk size
            for (int i = 0; i < count; i += Long.BYTES) {
                long word = random.nextLong();
                for (int b = 0; b < Long.BYTES; b++) {
                    chunk[i + b] = (byte) (word >>> (8 * b));
                }
            }
            out.write(chunk, 0, count);
            remaining -= count;
        }
    }

    /** Keeps printable ASCII, writes Latin-1 letters as octal escapes (WinAnsi matches Latin-1 there), '?' otherwise. */
    private static String winAnsiLiteral(String text) {
        StringBuilder literal = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(c -> {
            if (c == '(' || c == ')' || c == '\\') {
                literal.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7F) {
                literal.append((char) c);
            } else if (c >= 0xA0 && c <= 0xFF) {
                literal.append('\\').append(String.format("%03o", c));
            } else {
                literal.append('?');
            }
        });
        return literal.toString();
    }

    private static String utf16Hex(String text) {
        return "FEFF" + HexFormat.of().withUpperCase().formatHex(text.getBytes(StandardCharsets.UTF_16BE));
    }

    private static String truncate(String title) {
        if (title.codePointCount(0, title.length()) <= TITLE_MAX_CODE_POINTS) {
            return title;
        }
        return title.substring(0, title.offsetByCodePoints(0, TITLE_MAX_CODE_POINTS));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Where the file's size goes. The size depends on the digit counts of the filler length and of the xref
     * offset, which depend on the filler length: try every digit count. One more filler byte can add two or three
     * bytes to the file (a digit appears); spaces in the trailer dictionary, after the xref offset is fixed,
     * absorb those gaps.
     */
    private record Layout(long fillerLength, long crossReferenceOffset, int trailerPadding) {

        private static final int FILLER_HEADER_WITHOUT_DIGITS = fillerHeader(0).length() - 1;

        static Layout solve(long targetSize, long fillerObjectOffset, int trailerStartLength) {
            long beforeXref = fillerObjectOffset + FILLER_HEADER_WITHOUT_DIGITS + FILLER_TAIL.length();
            long fixed = beforeXref + crossReferenceTableLength() + trailerStartLength + TRAILER_END.length()
                    + EOF_MARKER.length();
            for (int padding = 0; padding <= 2; padding++) {
                for (int lengthDigits = 1; lengthDigits <= 19; lengthDigits++) {
                    for (int offsetDigits = 1; offsetDigits <= 19; offsetDigits++) {
                        long fillerLength = targetSize - fixed - padding - lengthDigits - offsetDigits;
                        if (fillerLength < 0 || digits(fillerLength) != lengthDigits) {
                            continue;
                        }
                        long crossReferenceOffset = beforeXref + lengthDigits + fillerLength;
                        if (digits(crossReferenceOffset) == offsetDigits) {
                            return new Layout(fillerLength, crossReferenceOffset, padding);
                        }
                    }
                }
            }
            throw new IllegalStateException("No PDF layout reaches exactly " + targetSize + " bytes");
        }

        private static int digits(long value) {
            return Long.toString(value).length();
        }
    }
}
