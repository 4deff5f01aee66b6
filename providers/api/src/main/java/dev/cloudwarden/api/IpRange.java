package dev.cloudwarden.api;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 CIDR block, parsed strictly (no host names, no host bits past the prefix are lost:
 * {@code 10.1.2.3/8} is kept as written but compared as {@code 10.0.0.0/8}).
 */
public record IpRange(String cidr, boolean ipv6, BigInteger first, int prefixLength) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public static final IpRange ALL_IPV4 = parse("0.0.0.0/0");
    public static final IpRange ALL_IPV6 = parse("::/0");

    public IpRange {
        Objects.requireNonNull(cidr, "cidr");
    }

    /** Parses {@code a.b.c.d/n} or an IPv6 prefix; a bare address is a single host (/32 or /128). */
    public static IpRange parse(String text) {
        String value = Objects.requireNonNull(text, "cidr").strip();
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        boolean v6;
        if (IPV4.matcher(address).matches()) {
            v6 = false;
            // checked here: getByName would send a dotted quad with an octet over 255 to DNS as a host name
            for (String octet : address.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    throw new IllegalArgumentException("'" + text + "' is not a valid IP address");
                }
            }
        } else if (IPV6.matcher(address).matches()) {
            v6 = true;
        } else {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 CIDR block");
        }
        int bits = v6 ? 128 : 32;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(value.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no numeric prefix length", e);
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("'" + text + "' has prefix length " + prefix + ", expected 0.." + bits);
        }
        byte[] raw;
        try {
            raw = InetAddress.getByName(address).getAddress(); // literal only: the patterns above exclude names
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid IP address", e);
        }
        if (raw.length * 8 != bits) {
            throw new IllegalArgumentException("'" + text + "' mixes IPv4 and IPv6 notation");
        }
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .shiftRight(prefix).xor(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
        return new IpRange(value, v6, new BigInteger(1, raw).and(mask), prefix);
    }

    private int bits() {
        return ipv6 ? 128 : 32;
    }

    public BigInteger last() {
        return first.add(BigInteger.ONE.shiftLeft(bits() - prefixLength)).subtract(BigInteger.ONE);
    }

    /** True when every address of {@code other} is in this block. */
    public boolean contains(IpRange other) {
        return ipv6 == other.ipv6 && first.compareTo(other.first) <= 0 && last().compareTo(other.last()) >= 0;
    }

    public boolean overlaps(IpRange other) {
        return ipv6 == other.ipv6 && first.compareTo(other.last()) <= 0 && other.first.compareTo(last()) <= 0;
    }

    /** The number of addresses in the block, as a power of two. */
    public int sizeExponent() {
        return bits() - prefixLength;
    }

    @Override
    public String toString() {
        return cidr;
    }
}
