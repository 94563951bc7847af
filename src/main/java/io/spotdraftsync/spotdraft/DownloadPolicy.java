package io.spotdraftsync.spotdraft;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * What a signed document URL ({@code download_link}) may point at, and how large its document may be: the
 * {@code sync.documents.allow-private-download-hosts} and {@code sync.documents.max-bytes} settings. A signed URL comes
 * from an API answer, so it is checked like input: https only (plain http to loopback excepted, where the sandbox
 * serves), never a private, link-local or otherwise internal address unless allowed, never more than
 * {@code maxBytes}.
 *
 * @param allowPrivateHosts accept hosts whose addresses are private (10/8, 172.16/12, 192.168/16, fc00::/7, ...) or
 *                          link-local (169.254/16, fe80::/10), for a document store inside your network
 * @param maxBytes          the largest document accepted, declared or streamed
 * @param resolver          resolves a URL's host; the addresses it gives are the ones checked and connected to
 */
public record DownloadPolicy(boolean allowPrivateHosts, long maxBytes, DnsResolver resolver) {

    /** {@code sync.documents.max-bytes}'s default: 2 GiB. */
    public static final long DEFAULT_MAX_BYTES = 2L * 1024 * 1024 * 1024;

    /** The defaults: public hosts only, at most 2 GiB. */
    public static final DownloadPolicy DEFAULT = of(false, DEFAULT_MAX_BYTES);

    public DownloadPolicy {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("sync.documents.max-bytes must be at least 1 byte, was " + maxBytes);
        }
        if (resolver == null) {
            throw new IllegalArgumentException("a download policy needs a DNS resolver");
        }
    }

    /** With the system's DNS. */
    public static DownloadPolicy of(boolean allowPrivateHosts, long maxBytes) {
        return new DownloadPolicy(allowPrivateHosts, maxBytes, SystemDefaultDnsResolver.INSTANCE);
    }
}
