package dev.cloudwarden.core.firewall;

import static dev.cloudwarden.core.report.Severity.CRITICAL;
import static dev.cloudwarden.core.report.Severity.HIGH;
import static dev.cloudwarden.core.report.Severity.MEDIUM;

import dev.cloudwarden.api.PortRange;
import dev.cloudwarden.core.firewall.FirewallAuditPolicy.SensitivePort;
import dev.cloudwarden.core.report.Severity;
import java.util.List;

/**
 * The ports audited when a policy lists none: remote administration and data stores that should never
 * face the internet. Critical where the service commonly runs without authentication or is a known
 * ransomware entry point.
 */
final class DefaultSensitivePorts {
    static final List<SensitivePort> PORTS = List.of(
            port(20, 21, "ftp", MEDIUM),
            port(22, 22, "ssh", HIGH),
            port(23, 23, "telnet", HIGH),
            port(25, 25, "smtp", MEDIUM),
            port(445, 445, "smb", CRITICAL),
            port(1433, 1433, "mssql", HIGH),
            port(1521, 1521, "oracle", HIGH),
            port(3306, 3306, "mysql", HIGH),
            port(3389, 3389, "rdp", CRITICAL),
            port(5432, 5432, "postgresql", HIGH),
            port(5900, 5900, "vnc", HIGH),
            port(6379, 6379, "redis", CRITICAL),
            port(9200, 9200, "elasticsearch", CRITICAL),
            port(11211, 11211, "memcached", HIGH),
            port(27017, 27017, "mongodb", CRITICAL));

    private DefaultSensitivePorts() {
    }

    private static SensitivePort port(int from, int to, String service, Severity severity) {
        return new SensitivePort(new PortRange(from, to), service, severity);
    }
}
