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

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of an executed-contract import, written as it is sent: the PDF is read from its source and
 * base64-encoded on the way out by Jackson's streaming generator, so neither the document nor its base64
 * text is ever held in memory. Repeatable: each write opens the document again. Field names come from
 * {@link ExecutedContractImport}, the one place they live.
 */
final class ExecutedContractImportEntity implements HttpEntity {

    private final JsonMapper json;
    private final ExecutedContractImport fields;
    private final ImportDocument document;

    ExecutedContractImportEntity(JsonMapper json, ExecutedContractImport fields, ImportDocument document) {
        this.json = json;
        this.fields = fields;
        this.document = document;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        try (InputStream pdf = document.open();
                JsonGenerator generator = json.createGenerator(new NonClosing(out))) {
            generator.writeStartObject();
            generator.writeStringProperty(ExecutedContractImport.CONTRACT_NAME, fields.contractName());
            generator.writeStringProperty(ExecutedContractImport.FILE_NAME, fields.fileName());
            generator.writeName(ExecutedContractImport.FILE_CONTENT);
            generator.writeBinary(pdf, Math.toIntExact(document.length()));
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
        out.flush();
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

    @Override
    public long getContentLength() {
        return -1;
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
        return true;
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
