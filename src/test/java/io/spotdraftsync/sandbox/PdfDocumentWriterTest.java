package io.spotdraftsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PdfDocumentWriterTest {

    private static final Pattern STARTXREF = Pattern.compile("startxref\n(\\d+)\n%%EOF\n$");
    private static final Pattern STREAM_LENGTH = Pattern.compile("(\\d+) 0 obj\n<< /Length (\\d+) *>>\nstream\n");

    @ParameterizedTest
    @ValueSource(longs = {PdfDocumentWriter.MINIMUM_SIZE, 4096, 10_000, 262_144, 5 * 1024 * 1024 + 7})
    void writesAValidPdfOfExactlyTheTargetSize(long size) throws IOException {
        byte[] pdf = pdf(1, "T-12 v5001", "Mutual NDA - Müller (GmbH) 株式会社サンプル \\ end", size);

        assertThat(pdf).hasSize((int) size);
        assertValidStructure(pdf);
    }

    @Test
    void reachesEverySizeAroundTheDigitBoundariesOfFillerLengthAndXrefOffset() throws IOException {
        long probeSize = 50_000;
        byte[] probe = pdf(3, "H-7 v9", "Zoë Ångström", probeSize);
        long fillerOverhead = probeSize - fillerLength(probe);
        long tailLength = probeSize - xrefOffset(probe);
        for (long boundary : new long[] {1_000, 10_000, 100_000}) {
            for (long delta = -6; delta <= 6; delta++) {
                for (long size : new long[] {boundary + fillerOverhead + delta, boundary + tailLength + delta}) {
                    if (size >= PdfDocumentWriter.MINIMUM_SIZE) {
                        byte[] pdf = pdf(3, "H-7 v9", "Zoë Ångström", size);
                        assertThat(pdf).as("size %d", size).hasSize((int) size);
                        assertValidStructure(pdf);
                    }
                }
            }
        }
    }

    @Test
    void sameInputsGiveTheSameBytesAndAnotherDocumentDiffers() throws IOException {
        byte[] first = pdf(42, "T-1 v5001", "Order Form Acme Inc. 2024", 50_000);
        byte[] again = pdf(42, "T-1 v5001", "Order Form Acme Inc. 2024", 50_000);
        byte[] otherVersion = pdf(42, "T-1 v5002", "Order Form Acme Inc. 2024", 50_000);
        byte[] otherSeed = pdf(43, "T-1 v5001", "Order Form Acme Inc. 2024", 50_000);

        assertThat(again).isEqualTo(first);
        assertThat(otherVersion).isNotEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void showsTheTitleOnThePageAndKeepsUnicodeInTheInfoTitle() throws IOException {
        String text = new String(pdf(1, "T-3 v1", "Müller (GmbH) NDA", 4096), StandardCharsets.ISO_8859_1);

        assertThat(text).contains("(M\\374ller \\(GmbH\\) NDA) Tj");
        assertThat(text).contains("/Title <FEFF004D00FC006C006C00650072");
    }

    @Test
    void streamsAGibibyteWithoutHoldingIt() throws IOException {
        long size = 1024L * 1024 * 1024 + 3;
        TailKeepingCounter out = new TailKeepingCounter(4096);

        PdfDocumentWriter.write(out, 9, "T-99 v1", "A very large contract", size);

        assertThat(out.count).isEqualTo(size);
        String tail = new String(out.tail(), StandardCharsets.ISO_8859_1);
        Matcher startxref = STARTXREF.matcher(tail);
        assertThat(startxref.find()).isTrue();
        long xrefOffset = Long.parseLong(startxref.group(1));
        // the xref table sits right before the trailer in the tail
        assertThat(size - xrefOffset).isEqualTo(tail.length() - tail.indexOf("xref\n0 8\n"));
    }

    @Test
    void fitsTheLongestTitlesInTheMinimumSize() throws IOException {
        for (String title : new String[] {"😀".repeat(200), "ÿ".repeat(200), "(".repeat(200)}) {
            byte[] pdf = pdf(1, "H-123456789012 v123456789012", title, PdfDocumentWriter.MINIMUM_SIZE);
            assertThat(pdf).hasSize((int) PdfDocumentWriter.MINIMUM_SIZE);
            assertValidStructure(pdf);
        }
    }

    @Test
    void refusesSizesBelowTheMinimum() {
        assertThatThrownBy(() -> pdf(1, "T-1 v1", "x", PdfDocumentWriter.MINIMUM_SIZE - 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static byte[] pdf(long seed, String key, String title, long size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
        PdfDocumentWriter.write(out, seed, key, title, size);
        return out.toByteArray();
    }

    private static long xrefOffset(byte[] pdf) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        Matcher startxref = STARTXREF.matcher(text.substring(text.length() - 64));
        assertThat(startxref.find()).isTrue();
        return Long.parseLong(startxref.group(1));
    }

    private static long fillerLength(byte[] pdf) {
        Matcher stream = STREAM_LENGTH.matcher(new String(pdf, StandardCharsets.ISO_8859_1));
        while (stream.find()) {
            if (stream.group(1).equals("7")) {
                return Long.parseLong(stream.group(2));
            }
        }
        throw new AssertionError("no filler stream");
    }

    /** Header, every xref offset pointing at its object, stream lengths, startxref, trailer, %%EOF. */
    static void assertValidStructure(byte[] pdf) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("%PDF-1.7\n%");
        assertThat(text).endsWith("%%EOF\n");

        Matcher startxref = STARTXREF.matcher(text.substring(text.length() - 64));
        assertThat(startxref.find()).as("startxref at the end").isTrue();
        int xrefOffset = Integer.parseInt(startxref.group(1));
        assertThat(text.substring(xrefOffset)).startsWith("xref\n0 8\n0000000000 65535 f \n");

        int entries = xrefOffset + "xref\n0 8\n".length();
        for (int object = 1; object <= 7; object++) {
            String entry = text.substring(entries + 20 * object, entries + 20 * (object + 1));
            assertThat(entry).matches("\\d{10} 00000 n \n");
            int offset = Integer.parseInt(entry.substring(0, 10));
            assertThat(text.substring(offset)).as("object %d at %d", object, offset).startsWith(object + " 0 obj\n");
        }
        String trailer = text.substring(entries + 20 * 8);
        assertThat(trailer).startsWith("trailer\n<< /Size 8 /Root 1 0 R /Info 6 0 R /ID [<");

        Matcher stream = STREAM_LENGTH.matcher(text);
        int streams = 0;
        while (stream.find()) {
            int dataStart = stream.end();
            int length = Integer.parseInt(stream.group(2));
            assertThat(text.substring(dataStart + length)).as("stream of object %s", stream.group(1))
                    .startsWith("\nendstream\nendobj\n");
            streams++;
        }
        assertThat(streams).isEqualTo(2);
        assertThat(text).contains("<< /Type /Catalog /Pages 2 0 R >>").contains("/Type /Page /Parent 2 0 R");
    }

    /** Counts bytes and keeps only the last few. */
    private static final class TailKeepingCounter extends OutputStream {
        private final byte[] ring;
        private long count;

        TailKeepingCounter(int keep) {
            this.ring = new byte[keep];
        }

        @Override
        public void write(int b) {
            ring[(int) (count++ % ring.length)] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            int start = Math.max(0, length - ring.length);
            count += start;
            for (int i = start; i < length; i++) {
                write(bytes[offset + i]);
            }
        }

        byte[] tail() {
            int kept = (int) Math.min(count, ring.length);
            byte[] tail = new byte[kept];
            for (int i = 0; i < kept; i++) {
                tail[i] = ring[(int) ((count - kept + i) % ring.length)];
            }
            return tail;
        }
    }
}
