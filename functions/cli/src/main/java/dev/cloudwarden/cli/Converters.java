package dev.cloudwarden.cli;

import dev.cloudwarden.api.ProviderConfig;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The command line's own conversions of option values, each failing with one sentence: picocli's built-in ones name
 * the Java exception they caught ({@code cannot convert 'x' to URI (java.net.URISyntaxException: …)}).
 */
final class Converters {
    private Converters() {
    }

    /** A file name the operating system can take (a NUL character cannot be in one). */
    static final class FileName implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw new TypeConversionException("'" + value + "' is not a file name: " + e.getReason());
            }
        }
    }

    /** An endpoint: an absolute http(s) URL with a host ({@link ProviderConfig#endpoint(String)}). */
    static final class Endpoint implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            try {
                return ProviderConfig.endpoint(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** An instant in UTC as ISO-8601 writes it, such as {@code 2026-11-30T10:00:00Z}. */
    static final class At implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not an instant: give one in UTC such as 2026-11-30T10:00:00Z");
            }
        }
    }

    /**
     * A duration such as {@code 30s}, {@code 10m}, {@code 1h} or {@code 1m30s}: whole numbers of hours, minutes and
     * seconds, at least one second and at most a day.
     */
    static final class Timeout implements ITypeConverter<Duration> {
        private static final Pattern WHOLE = Pattern.compile("(?:[0-9]{1,6}[hms])+");
        private static final Pattern PART = Pattern.compile("([0-9]{1,6})([hms])");
        static final Duration MIN = Duration.ofSeconds(1);
        static final Duration MAX = Duration.ofDays(1);

        @Override
        public Duration convert(String value) {
            String text = value.strip().toLowerCase(Locale.ROOT);
            if (!WHOLE.matcher(text).matches()) {
                throw new TypeConversionException("'" + value + "' is not a duration: give one such as 30s, 10m, 1h or 1m30s");
            }
            Duration total = Duration.ZERO;
            Matcher part = PART.matcher(text);
            while (part.find()) {
                long n = Long.parseLong(part.group(1));
                total = total.plus(switch (part.group(2)) {
                    case "h" -> Duration.ofHours(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofSeconds(n);
                });
            }
            if (total.compareTo(MIN) < 0 || total.compareTo(MAX) > 0) {
                throw new TypeConversionException("'" + value + "' is out of range: a timeout is at least 1s and at most 24h");
            }
            return total;
        }

        /** The duration as the option takes it: {@code 1h30m}, {@code 30s}. */
        static String format(Duration d) {
            StringBuilder text = new StringBuilder();
            if (d.toHours() > 0) {
                text.append(d.toHours()).append('h');
            }
            if (d.toMinutesPart() > 0) {
                text.append(d.toMinutesPart()).append('m');
            }
            if (d.toSecondsPart() > 0 || text.isEmpty()) {
                text.append(d.toSecondsPart()).append('s');
            }
            return text.toString();
        }
    }
}
