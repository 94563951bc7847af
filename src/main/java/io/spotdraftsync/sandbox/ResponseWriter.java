package io.spotdraftsync.sandbox;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import com.sun.net.httpserver.HttpExchange;

/**
 * Writes an {@link ApiResponse}, optionally damaged. Damage is done by throwing out of the exchange: the JDK
 * server then closes the connection without completing the answer, which is exactly what a client of a failing
 * server sees (no response at all, or fewer bytes than Content-Length announced).
 */
final class ResponseWriter {

    /** Thrown to make the server close the connection on purpose. */
    static final class InjectedConnectionFailure extends IOException {
        InjectedConnectionFailure(String what) {
            super(what, null);
        }
    }

    private final FaultInjector faults;

    ResponseWriter(FaultInjector faults) {
        this.faults = faults;
    }

    void send(HttpExchange exchange, ApiResponse response) throws IOException {
        send(exchange, response, FaultInjector.Damage.NONE);
    }

    void send(HttpExchange exchange, ApiResponse response, FaultInjector.Damage damage) throws IOException {
        long length = response.contentLength();
        if (damage == FaultInjector.Damage.DROP_CONNECTION
                || (damage == FaultInjector.Damage.TRUNCATE_BODY && length == 0)) {
            throw new InjectedConnectionFailure("connection dropped by fault injection");
        }
        if (response.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
        }
        response.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(response.status(), length == 0 ? -1 : length);
        if (length == 0) {
            exchange.close();
            return;
        }
        OutputStream body = exchange.getResponseBody();
        if (damage == FaultInjector.Damage.TRUNCATE_BODY) {
            response.body().writeTo(new TruncatingOutputStream(body, faults.truncatedLength(length)));
            throw new IllegalStateException("a truncated body was written completely");
        }
        try (body) {
            response.body().writeTo(body);
        }
    }

    /** Passes the first {@code limit} bytes, flushes them to the client, then fails. */
    private static final class TruncatingOutputStream extends FilterOutputStream {
        private long remaining;

        TruncatingOutputStream(OutputStream out, long limit) {
            super(out);
            this.remaining = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            int passed = (int) Math.min(remaining, length);
            out.write(bytes, offset, passed);
            remaining -= passed;
            if (passed < length) {
                out.flush();
                throw new InjectedConnectionFailure("body truncated by fault injection");
            }
        }
    }
}
