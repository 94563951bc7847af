package io.spotdraftsync.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 by hand on a socket: a request's head and as much of its body as a test wants sent, in one write. */
final class RawHttp {

    /** A signature header of the right shape that no key made. */
    static final String FORGED_SIGNATURE = "ab".repeat(64);

    private RawHttp() {
    }

    /**
     * Connects to {@code endpoint}'s host and port and POSTs to {@code path} with {@code Content-Length: declaredLength},
     * sending only {@code sent}; the rest is left to the test (or never sent).
     *
     * @param signature null for no signature header
     */
    static Socket post(URI endpoint, String path, String signature, long declaredLength, byte[] sent) throws IOException {
        Socket socket = new Socket(endpoint.getHost(), endpoint.getPort());
        socket.setSoTimeout(30_000);
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: " + endpoint.getHost() + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + declaredLength + "\r\n");
        if (signature != null) {
            head.append(WebhookSignature.HEADER).append(": ").append(signature).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + sent.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(sent, 0, request, headBytes.length, sent.length);
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
        return socket;
    }

    /** The status line up to and including the space after the code ({@code "HTTP/1.1 413 "}); "" when closed before. */
    static String statusLine(InputStream in) throws IOException {
        // few reads: the server may reset the connection soon after its answer
        byte[] buffer = new byte[4096];
        int length = 0;
        while (length < 13) {
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                break;
            }
            length += read;
        }
        return new String(buffer, 0, Math.min(length, 13), StandardCharsets.US_ASCII);
    }
}
