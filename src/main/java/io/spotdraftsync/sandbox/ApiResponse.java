package io.spotdraftsync.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer to write: status, headers and a body of known length that can be streamed. */
record ApiResponse(int status, String contentType, Map<String, String> headers, long contentLength, Body body) {

    /** Streams the body; it writes exactly {@code contentLength} bytes. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final Body EMPTY = out -> {
    };

    ApiResponse {
        headers = Map.copyOf(headers);
    }

    static ApiResponse json(int status, Object value) {
        byte[] bytes = SandboxJson.write(value);
        return new ApiResponse(status, "application/json", Map.of(), bytes.length, out -> out.write(bytes));
    }

    static ApiResponse ok(Object value) {
        return json(200, value);
    }

    static ApiResponse error(int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", message);
        body.put("status_code", status);
        body.put("code", code);
        body.put("message", message);
        return json(status, body);
    }

    static ApiResponse redirect(String location) {
        return new ApiResponse(302, null, Map.of("Location", location), 0, EMPTY);
    }

    /** A PDF download, streamed from the document. */
    static ApiResponse document(SandboxDocument document) {
        String encodedName = URLEncoder.encode(document.fileName(), StandardCharsets.UTF_8).replace("+", "%20");
        String asciiName = document.fileName().replaceAll("[^\\x20-\\x7E]|\"", "_");
        return new ApiResponse(200, "application/pdf",
                Map.of("Content-Disposition", "attachment; filename=\"" + asciiName + "\"; filename*=UTF-8''" + encodedName),
                document.sizeBytes(), document::writeTo);
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, contentType, more, contentLength, body);
    }
}
