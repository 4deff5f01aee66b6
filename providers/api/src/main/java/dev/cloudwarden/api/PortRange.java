package dev.cloudwarden.api;

/** An inclusive range of TCP/UDP ports. */
public record PortRange(int from, int to) {
    public static final PortRange ALL = new PortRange(0, 65535);

    public PortRange {
        if (from < 0 || to > 65535 || from > to) {
            throw new IllegalArgumentException("port range " + from + "-" + to + " is not within 0-65535 in order");
        }
    }

    public static PortRange single(int port) {
        return new PortRange(port, port);
    }

    /** Parses {@code 22}, {@code 20-23} or {@code *}. */
    public static PortRange parse(String text) {
        String value = text.strip();
        if (value.equals("*")) {
            return ALL;
        }
        int dash = value.indexOf('-');
        try {
            return dash < 0 ? single(Integer.parseInt(value))
                    : new PortRange(Integer.parseInt(value.substring(0, dash).strip()),
                            Integer.parseInt(value.substring(dash + 1).strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a port or a port range like 20-23", e);
        }
    }

    public boolean covers(int port) {
        return from <= port && port <= to;
    }

    public boolean contains(PortRange other) {
        return from <= other.from && other.to <= to;
    }

    public boolean overlaps(PortRange other) {
        return from <= other.to && other.from <= to;
    }

    @Override
    public String toString() {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }
}
