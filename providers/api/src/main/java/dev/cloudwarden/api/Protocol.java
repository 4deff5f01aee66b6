package dev.cloudwarden.api;

import java.util.Locale;
import java.util.Objects;

/**
 * An IP protocol by its lowercase name ({@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6}), by number
 * for the rest, or {@code all}. Numbers of the named protocols are folded into their names so that
 * AWS's {@code 6}, Azure's {@code Tcp} and GCP's {@code tcp} compare equal.
 */
public record Protocol(String name) {
    public static final Protocol ALL = new Protocol("all");
    public static final Protocol TCP = new Protocol("tcp");
    public static final Protocol UDP = new Protocol("udp");

    public Protocol {
        Objects.requireNonNull(name, "name");
    }

    public static Protocol of(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "-1", "all", "*", "any" -> ALL;
            case "6", "tcp" -> TCP;
            case "17", "udp" -> UDP;
            case "1", "icmp" -> new Protocol("icmp");
            case "58", "icmpv6" -> new Protocol("icmpv6");
            case "132", "sctp" -> new Protocol("sctp");
            case "50", "esp" -> new Protocol("esp");
            case "51", "ah" -> new Protocol("ah");
            default -> new Protocol(value);
        };
    }

    /** Whether rules of this protocol select traffic by port (TCP, UDP, SCTP, or every protocol at once). */
    public boolean hasPorts() {
        return this.equals(ALL) || this.equals(TCP) || this.equals(UDP) || name.equals("sctp");
    }

    /** True when traffic of {@code other} is matched by a rule of this protocol. */
    public boolean includes(Protocol other) {
        return this.equals(ALL) || this.equals(other);
    }

    @Override
    public String toString() {
        return name;
    }
}
