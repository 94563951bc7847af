package io.spotdraftsync.spotdraft;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Set;

import io.spotdraftsync.spotdraft.model.ExecutedContractImport;

import org.apache.hc.core5.function.Supplier;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

import tools.jackson.core.Base64Variant;
import tools.jackson.core.Base64Variants;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of an executed-contract import, written as it is sent: the PDF is read from its source and
 * base64-encoded on the way out by Jackson's streaming generator, so neither the document nor its base64
 * text is ever held in memory. Repeatable: each write opens the document again. Field names come from
 * {@link ExecutedContractImport}, the one place they live.
 *
 * <p>Sent with its exact {@code Content-Length}, never chunked: SpotDraft is a Django application, and under WSGI a
 * chunked request body reads as empty (every import would be refused as invalid JSON). The length is the envelope's
 * bytes (the JSON with an empty {@code file_content}) plus the base64 length of the document.
 */
final class ExecutedContractImportEntity implements HttpEntity {

    /** Standard base64 with padding and no line breaks, so that its length follows from the document's alone. */
    private static final Base64Variant BASE64 = Base64Variants.MIME_NO_LINEFEEDS;

    private final JsonMapper json;
    private final ExecutedContractImport fields;
    private final ImportDocument document;
    private long contentLength = -1;

    ExecutedContractImportEntity(JsonMapper json, ExecutedContractImport fields, ImportDocument document) {
        this.json = json;
        this.fields = fields;
        this.document = document;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        try (InputStream pdf = document.open()) {
            write(out, pdf, Math.toIntExact(document.length()));
        }
        out.flush();
    }

    /** The JSON body with {@code length} bytes of {@code pdf} as its base64 {@code file_content}. */
    private void write(OutputStream out, InputStream pdf, int length) {
        try (JsonGenerator generator = json.createGenerator(new NonClosing(out))) {
            generator.writeStartObject();
            generator.writeStringProperty(ExecutedContractImport.CONTRACT_NAME, fields.contractName());
            generator.writeStringProperty(ExecutedContractImport.FILE_NAME, fields.fileName());
            generator.writeName(ExecutedContractImport.FILE_CONTENT);
            generator.writeBinary(BASE64, pdf, length);
            if (fields.contractTypeId() != null) {
                generator.writeNumberProperty(ExecutedContractImport.CONTRACT_TYPE_ID, fields.contractTypeId());
            }
            if (fields.organizationEntityId() != null) {
                generator.writeNumberProperty(ExecutedContractImport.ORGANIZATION_ENTITY_ID, fields.organizationEntityId());
            }
            if (fields.counterpartyDetails() != null) {
                generator.writePOJOProperty(ExecutedContractImport.COUNTERPARTY_DETAILS, fields.counterpartyDetails());
            }
            if (fields.externalMetadata() != null) {
                generator.writePOJOProperty(ExecutedContractImport.EXTERNAL_METADATA, fields.externalMetadata());
            }
            generator.writeEndObject();
        }
    }

    /** Base64 with padding: four characters for every three bytes or part of three. */
    private static long base64Length(long bytes) {
        return 4 * ((bytes + 2) / 3);
    }

    @Override
    public boolean isRepeatable() {
        return true;
    }

    @Override
    public InputStream getContent() {
        throw new UnsupportedOperationException("The import body is written, never read");
    }

    @Override
    public boolean isStreaming() {
        return false;
    }

    /** The envelope's bytes (the body written with an empty document) plus the document's base64 length. */
    @Override
    public synchronized long getContentLength() {
        if (contentLength < 0) {
            CountingSink envelope = new CountingSink();
            write(envelope, InputStream.nullInputStream(), 0);
            contentLength = envelope.count + base64Length(document.length());
        }
        return contentLength;
    }

    @Override
    public String getContentType() {
        return ContentType.APPLICATION_JSON.toString();
    }

    @Override
    public String getContentEncoding() {
        return null;
    }

    @Override
    public boolean isChunked() {
        return false;
    }

    @Override
    public Supplier<java.util.List<? extends Header>> getTrailers() {
        return null;
    }

    @Override
    public Set<String> getTrailerNames() {
        return Set.of();
    }

    @Override
    public void close() {
        // nothing held between writes
    }

    /** Counts what is written to it, and keeps nothing. */
    private static final class CountingSink extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    /** Lets the generator close without closing the connection's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
