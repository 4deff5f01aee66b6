package dev.cloudwarden.core.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A policy's bytes and characters, checked before any parser sees them: at most {@link #MAX_BYTES} of
 * them, UTF-8, and no character that YAML forbids. A parser is never handed a 50 MB token, a stream
 * without end, or a NUL it would report on the wrong line.
 */
final class PolicyText {
    /**
     * The most a policy may weigh: 256 KiB. The largest policy we know of (every operation, every field) is
     * under 10 KiB, and Lambda's environment holds 4 KiB in all; one long YAML token costs quadratic time to
     * parse, and at this bound the worst costs a fraction of a second.
     */
    static final int MAX_BYTES = 256 * 1024;
    private static final String BOM = "\uFEFF";

    private PolicyText() {
    }

    /**
     * Reads at most {@link #MAX_BYTES} + 1 bytes from {@code file}, so that /dev/zero, a FIFO fed without end
     * or a 50 MB file stop at the bound instead of filling the memory.
     */
    static byte[] read(Path file) {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw invalid(source, "(file)", "is a directory, not a policy file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw invalid(source, "(file)", "no such file");
        } catch (AccessDeniedException e) {
            throw invalid(source, "(file)", "cannot be read: permission denied");
        } catch (FileSystemException e) {
            throw invalid(source, "(file)", "cannot be read: " + (e.getReason() == null ? "unknown reason" : e.getReason()));
        } catch (IOException e) {
            throw invalid(source, "(file)", "cannot be read: " + (e.getMessage() == null ? "I/O error" : e.getMessage()));
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(source, sizeOf(file));
        }
        return bytes;
    }

    /** The file's size when it is a regular file, for the message; -1 for a device, a FIFO or anything unknown. */
    private static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Decodes {@code bytes} as UTF-8, refusing anything that is not, with the offset and line of the first bad byte. */
    static String decode(byte[] bytes, String source) {
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(source, bytes.length);
        }
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF) || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            throw invalid(source, "(encoding)", "the file is UTF-16 (it starts with a UTF-16 byte-order mark): save it as UTF-8");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new InvalidPolicyException(source, List.of(new PolicyError("(encoding)", String.format(Locale.ROOT,
                    "not UTF-8: byte 0x%02X at offset %d (column %d) is not valid UTF-8 here; save the file as UTF-8",
                    bytes[offset] & 0xFF, offset, offset - lineStart + 1), line)));
        }
        return out.flip().toString();
    }

    /** Refuses text longer than {@link #MAX_BYTES} in UTF-8, without encoding it. */
    static void checkSize(String text, String source) {
        if (text.length() > MAX_BYTES) { // every character is at least one byte
            throw tooLarge(source, -1);
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            }
        }
        if (bytes > MAX_BYTES) {
            throw tooLarge(source, bytes);
        }
    }

    /**
     * The text without a leading byte-order mark (editors on Windows write one), after refusing every character
     * YAML forbids and JSON has no use for outside an escape: C0 controls other than tab, line feed and carriage
     * return, DEL, C1 controls (NEL, which YAML reads as a line break and editors do not, among them), the line and
     * paragraph separators (the same), unpaired surrogates and the non-characters U+FFFE and U+FFFF. The first
     * is reported on its own line and column, as an editor counts them.
     */
    static String checkCharacters(String text, String source) {
        String body = text.startsWith(BOM) ? text.substring(1) : text;
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == body.length() || body.charAt(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < body.length() && Character.isLowSurrogate(body.charAt(i + 1))) {
                i++;
                continue;
            }
            String problem = forbidden(c);
            if (problem != null) {
                throw new InvalidPolicyException(source, List.of(new PolicyError("(syntax)", problem + " at column "
                        + (i - lineStart + 1) + " is not allowed in a policy (write it as an escape in a double-quoted string if a value needs it)",
                        line)));
            }
        }
        return body;
    }

    /** What is wrong with {@code c}, or null when it may appear in a policy. */
    private static String forbidden(char c) {
        if (c == '\t' || c == '\r' || (c >= 0x20 && c < 0x7F) || (c > 0x9F && c < 0xD800 && c != 0x2028 && c != 0x2029)
                || (c > 0xDFFF && c < 0xFFFE)) {
            return null;
        }
        String code = String.format(Locale.ROOT, "U+%04X", (int) c);
        return switch (c) {
            case 0 -> "the control character " + code + " (NUL)";
            case 0x85 -> "the control character " + code + " (NEL, a line break to YAML but not to editors)";
            case 0x2028, 0x2029 -> "the separator " + code + " (a line break to YAML but not to editors)";
            default -> Character.isSurrogate(c) ? "the unpaired surrogate " + code
                    : c >= 0xFFFE ? "the non-character " + code : "the control character " + code;
        };
    }

    private static InvalidPolicyException tooLarge(String source, long bytes) {
        return invalid(source, "(policy)", bytes >= 0
                ? String.format(Locale.ROOT, "is %,d bytes: a policy is at most %,d bytes (256 KiB); is this the policy file?", bytes, MAX_BYTES)
                : String.format(Locale.ROOT, "is larger than %,d bytes (256 KiB), the most a policy may be; is this the policy file?", MAX_BYTES));
    }

    private static InvalidPolicyException invalid(String source, String field, String problem) {
        return new InvalidPolicyException(source, List.of(new PolicyError(field, problem, 0)));
    }
}
