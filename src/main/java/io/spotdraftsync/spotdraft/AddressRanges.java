package io.spotdraftsync.spotdraft;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The address ranges a signed document URL must not reach unless allowed: private, link-local, shared (carrier-grade
 * NAT), unspecified, multicast and reserved ones, and the IPv6 forms that carry such an IPv4 address (IPv4-mapped
 * {@code ::ffff:0:0/96}, IPv4-compatible, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}). Loopback is its own
 * kind: the sandbox serves there.
 */
final class AddressRanges {

    /** What an address is, as far as a download cares. */
    enum Kind { PUBLIC, LOOPBACK, INTERNAL }

    /** The kind of an address, and the range that made it so (empty for a public one). */
    record Classified(Kind kind, String range) {
    }

    private record Cidr(byte[] network, int prefix, String name) {

        static Cidr of(String network, int prefix, String name) {
            try {
                return new Cidr(InetAddress.getByName(network).getAddress(), prefix, name);
            } catch (UnknownHostException literal) {
                throw new IllegalArgumentException(network, literal);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            if (!Arrays.equals(address, 0, whole, network, 0, whole)) {
                return false;
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }

        String describe() {
            return name + " (" + cidr() + ")";
        }

        private String cidr() {
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    private static final Cidr IPV4_LOOPBACK = Cidr.of("127.0.0.0", 8, "loopback");
    private static final List<Cidr> IPV4_INTERNAL = List.of(
            Cidr.of("0.0.0.0", 8, "unspecified"),
            Cidr.of("10.0.0.0", 8, "private"),
            Cidr.of("100.64.0.0", 10, "shared (carrier-grade NAT)"),
            Cidr.of("169.254.0.0", 16, "link-local"),
            Cidr.of("172.16.0.0", 12, "private"),
            Cidr.of("192.0.0.0", 24, "IETF protocol assignment"),
            Cidr.of("192.168.0.0", 16, "private"),
            Cidr.of("198.18.0.0", 15, "benchmarking"),
            Cidr.of("224.0.0.0", 4, "multicast"),
            Cidr.of("240.0.0.0", 4, "reserved"));
    private static final List<Cidr> IPV6_INTERNAL = List.of(
            Cidr.of("::", 128, "unspecified"),
            Cidr.of("fc00::", 7, "unique local (private)"),
            Cidr.of("fe80::", 10, "link-local"),
            Cidr.of("fec0::", 10, "site-local"),
            Cidr.of("ff00::", 8, "multicast"));
    private static final Cidr NAT64 = Cidr.of("64:ff9b::", 96, "NAT64");
    private static final Cidr SIX_TO_FOUR = Cidr.of("2002::", 16, "6to4");

    private AddressRanges() {
    }

    static Classified classify(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 4 ? classifyIpv4(bytes) : classifyIpv6(bytes);
    }

    private static Classified classifyIpv4(byte[] bytes) {
        if (IPV4_LOOPBACK.contains(bytes)) {
            return new Classified(Kind.LOOPBACK, IPV4_LOOPBACK.describe());
        }
        return IPV4_INTERNAL.stream().filter(range -> range.contains(bytes)).findFirst()
                .map(range -> new Classified(Kind.INTERNAL, range.describe()))
                .orElse(new Classified(Kind.PUBLIC, ""));
    }

    private static Classified classifyIpv6(byte[] bytes) {
        Optional<byte[]> embedded = mappedOrCompatible(bytes);
        if (embedded.isPresent()) {
            // the host's own IPv4 stack is reached: exactly that address's kind
            return classifyIpv4(embedded.get());
        }
        if (isLoopback(bytes)) {
            return new Classified(Kind.LOOPBACK, "loopback (::1/128)");
        }
        for (Cidr translated : List.of(NAT64, SIX_TO_FOUR)) {
            if (translated.contains(bytes)) {
                int from = translated == NAT64 ? 12 : 2;
                Classified inner = classifyIpv4(Arrays.copyOfRange(bytes, from, from + 4));
                // a translator elsewhere reaches that IPv4 address: only a public one is fine
                return inner.kind() == Kind.PUBLIC ? inner
                        : new Classified(Kind.INTERNAL, translated.name + " form of a " + inner.range() + " address");
            }
        }
        return IPV6_INTERNAL.stream().filter(range -> range.contains(bytes)).findFirst()
                .map(range -> new Classified(Kind.INTERNAL, range.describe()))
                .orElse(new Classified(Kind.PUBLIC, ""));
    }

    /** The IPv4 address inside {@code ::ffff:a.b.c.d} or {@code ::a.b.c.d} (but not {@code ::} or {@code ::1}). */
    private static Optional<byte[]> mappedOrCompatible(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return Optional.empty();
            }
        }
        boolean mapped = bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
        boolean compatible = bytes[10] == 0 && bytes[11] == 0
                && (bytes[12] != 0 || bytes[13] != 0 || bytes[14] != 0 || (bytes[15] & 0xfe) != 0);
        return mapped || compatible ? Optional.of(Arrays.copyOfRange(bytes, 12, 16)) : Optional.empty();
    }

    private static boolean isLoopback(byte[] bytes) {
        for (int i = 0; i < 15; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[15] == 1;
    }
}
