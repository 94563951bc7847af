package io.spotdraftsync.spotdraft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.spotdraftsync.spotdraft.model.ExecutedContractImport;
import io.spotdraftsync.spotdraft.model.ExternalMetadata;
import io.spotdraftsync.testsupport.GeneratedInputStream;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** The import body is written as it is sent: a 100 MB PDF never sits in memory, as bytes or as base64. */
class StreamedImportBodyTest {

    private static final ExecutedContractImport FIELDS = new ExecutedContractImport("Big", "big.pdf", null, 100L, 78L,
            List.of(new ExecutedContractImport.CounterpartyDetails(false, "Acme",
                    new ExecutedContractImport.PointOfContact("A", "B", "a@b.example"))),
            new ExternalMetadata("S-1", "dms", null, null, null));

    private static ImportDocument generated(long size) {
        return new ImportDocument() {
            @Override
            public InputStream open() {
                return new GeneratedInputStream(size, 42);
            }

            @Override
            public long length() {
                return size;
            }
        };
    }

    @Test
    void aSmallBodyIsTheDocumentedJsonAndCanBeWrittenTwice() throws Exception {
        ExecutedContractImportEntity entity = new ExecutedContractImportEntity(SpotDraftClient.jsonMapper(), FIELDS, generated(1_000));
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        entity.writeTo(first);
        entity.writeTo(second);
        assertThat(entity.isRepeatable()).isTrue();
        assertThat(second.toByteArray()).isEqualTo(first.toByteArray());
        JsonNode json = SpotDraftClient.jsonMapper().readTree(first.toByteArray());
        assertThat(Base64.getDecoder().decode(json.get(ExecutedContractImport.FILE_CONTENT).stringValue()))
                .isEqualTo(new GeneratedInputStream(1_000, 42).readAllBytes());
        assertThat(json.get("counterparty_details").get(0).get("poc_details").get("first_name").stringValue()).isEqualTo("A");
        assertThat(json.get("external_metadata").get("integration_name").stringValue()).isEqualTo("dms");
    }

    @Test
    void theDeclaredContentLengthIsExactlyTheBytesWrittenWhateverTheDocumentSizeAndTheTextsAreSentUnchunked() throws Exception {
        ExecutedContractImport accented = new ExecutedContractImport("Contrat signé à Zürich – €", "zürich.pdf", null, 100L, 78L,
                List.of(new ExecutedContractImport.CounterpartyDetails(false, "Ünal Ltd.",
                        new ExecutedContractImport.PointOfContact("Ayşe", "Ünal", "ayse@unal.example"))),
                new ExternalMetadata("S-ü", "dms", null, null, null));
        for (long size : new long[] {0, 1, 2, 3, 4, 5, 1_000, 1_001, 1_002, 65_537}) {
            for (ExecutedContractImport fields : List.of(FIELDS, accented)) {
                ExecutedContractImportEntity entity = new ExecutedContractImportEntity(SpotDraftClient.jsonMapper(), fields, generated(size));
                CountingSink sink = new CountingSink();
                entity.writeTo(sink);
                assertThat(entity.getContentLength()).as("%s, %d bytes", fields.contractName(), size).isEqualTo(sink.count);
                assertThat(entity.isChunked()).isFalse();
            }
        }
    }

    @Test
    void aHundredMegabytePdfIsStreamedWithoutHoldingItOrItsBase64() throws Exception {
        long size = 100L * 1024 * 1024;
        ExecutedContractImportEntity entity = new ExecutedContractImportEntity(SpotDraftClient.jsonMapper(), FIELDS, generated(size));
        CountingSink sink = new CountingSink();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        entity.writeTo(sink);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        long base64 = 4 * ((size + 2) / 3);
        assertThat(sink.count).isBetween(base64, base64 + 1_000).isEqualTo(entity.getContentLength());
        assertThat(new String(sink.tail, StandardCharsets.US_ASCII)).endsWith("}");
        // holding the document would allocate 100 MB, its base64 text 133 MB (266 MB as a String of chars)
        assertThat(allocated).as("bytes allocated while writing").isLessThan(16L * 1024 * 1024);
    }

    private static final class CountingSink extends OutputStream {
        long count;
        byte[] tail = new byte[0];

        @Override
        public void write(int b) {
            count++;
            tail = new byte[] {(byte) b};
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
            if (len > 0) {
                tail = new byte[] {b[off + len - 1]};
            }
        }
    }
}
