package io.spotdraftsync.spotdraft;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

import org.apache.hc.core5.http.HttpHost;

/**
 * Applies a {@link DownloadPolicy} to a signed document URL: resolves its host, checks every address, and gives the
 * host to connect to with the checked address pinned, so that the connection goes where was checked (a second DNS
 * answer, as in DNS rebinding, is never asked for). Also bounds the document's size.
 */
final class SignedUrlTargets {

    static final String ENDPOINT = "signed document URL";

    private final DownloadPolicy policy;
    private final boolean allowInsecureHttp;

    /** @param allowInsecureHttp {@code spotdraft.allow-insecure-http}: plain http to any host, not only loopback */
    SignedUrlTargets(DownloadPolicy policy, boolean allowInsecureHttp) {
        this.policy = policy;
        this.allowInsecureHttp = allowInsecureHttp;
    }

    /**
     * The host to send the request for {@code uri} to, with its address resolved and checked.
     *
     * @throws DocumentRefusedException where the policy refuses the URL
     * @throws UnknownHostException     where the host does not resolve (transient: worth another attempt)
     */
    HttpHost target(String contractId, URI uri) throws UnknownHostException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw refused(contractId, "it is not an https URL (scheme '" + scheme + "')");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw refused(contractId, "it has no host");
        }
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = policy.resolver().resolve(name);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(name);
        }
        for (InetAddress address : addresses) {
            AddressRanges.Classified kind = AddressRanges.classify(address);
            String where = name.equals(address.getHostAddress()) ? name : name + " (" + address.getHostAddress() + ")";
            if (kind.kind() == AddressRanges.Kind.INTERNAL && !policy.allowPrivateHosts()) {
                throw refused(contractId, "its host " + where + " is a " + kind.range() + " address. Documents are "
                        + "fetched from public hosts only; set sync.documents.allow-private-download-hosts=true if your "
                        + "document storage is inside your network");
            }
            if (scheme.equals("http") && kind.kind() != AddressRanges.Kind.LOOPBACK && !allowInsecureHttp) {
                throw refused(contractId, "it is plain http to " + where + ", which is not a loopback address. Signed "
                        + "URLs are fetched over https only (spotdraft.allow-insecure-http=true accepts http, for a "
                        + "sandbox on another machine)");
            }
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new HttpHost(scheme, addresses[0], name, port);
    }

    /**
     * A reader that refuses a document larger than {@code sync.documents.max-bytes}: on its declared length before a
     * byte is read, and while the body streams (a body without a length, or longer than it said).
     *
     * @param abort drops the connection before the refusal is thrown: closing a response's body would otherwise read
     *              the rest of it, however long
     */
    <T> DocumentReader<T> limited(String contractId, DocumentReader<T> reader, Runnable abort) {
        long max = policy.maxBytes();
        return (body, contentLength) -> {
            if (contentLength > max) {
                abort.run();
                throw new DocumentRefusedException(ENDPOINT, contractId, "The document of " + contractId + " was refused: it is "
                        + contentLength + " bytes (its declared length), more than sync.documents.max-bytes (" + max + " bytes)");
            }
            return reader.read(new Bounded(body, max, contractId, abort), contentLength);
        };
    }

    private static DocumentRefusedException refused(String contractId, String why) {
        return new DocumentRefusedException(ENDPOINT, contractId, "The signed document URL of " + contractId
                + " was refused: " + why);
    }

    /** Passes at most {@code max} bytes on; one more is a refusal, and the rest is never read. */
    private static final class Bounded extends InputStream {

        private final InputStream body;
        private final long max;
        private final String contractId;
        private final Runnable abort;
        private long read;

        Bounded(InputStream body, long max, String contractId, Runnable abort) {
            this.body = body;
            this.max = max;
            this.contractId = contractId;
            this.abort = abort;
        }

        @Override
        public int read() throws IOException {
            int next = body.read();
            if (next >= 0) {
                count(1);
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            // never ask for more than one byte past the limit: enough to know it was passed
            int got = body.read(buffer, offset, (int) Math.min(length, max - read + 1));
            if (got > 0) {
                count(got);
            }
            return got;
        }

        private void count(int bytes) {
            read += bytes;
            if (read > max) {
                abort.run();
                throw new DocumentRefusedException(ENDPOINT, contractId, "The document of " + contractId
                        + " was refused: it went past sync.documents.max-bytes (" + max + " bytes) while being read;"
                        + " the download was stopped there");
            }
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
