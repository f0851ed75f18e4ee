package fr.guichet.bot.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command-line arguments decoded as UTF-8 whatever the locale. The JVM decodes them with
 * the locale's charset: under {@code LC_ALL=C} « Béthune » arrives as « B??thune » (and then
 * matches « thune »), and no JVM option changes that ({@code sun.jnu.encoding} is read-only).
 * On Linux the raw bytes are in {@code /proc/self/cmdline}: when the locale is not UTF-8, the
 * last arguments there are decoded again as UTF-8, provided they are the same arguments (each
 * one decoded with the locale's charset gives what the JVM gave), and valid UTF-8.
 */
public final class NativeArgs {

    private NativeArgs() {
    }

    public static List<String> decode(String[] argv) {
        return decode(argv, Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"), StandardCharsets.UTF_8),
                Path.of("/proc/self/cmdline"));
    }

    static List<String> decode(String[] argv, Charset platform, Path cmdline) {
        List<String> given = List.of(argv);
        if (argv.length == 0 || platform.equals(StandardCharsets.UTF_8) || !Files.isReadable(cmdline)) {
            return given;
        }
        try {
            List<byte[]> raw = split(Files.readAllBytes(cmdline));
            if (raw.size() < argv.length) {
                return given;
            }
            List<byte[]> ours = raw.subList(raw.size() - argv.length, raw.size());
            List<String> decoded = new ArrayList<>();
            for (int i = 0; i < argv.length; i++) {
                if (!new String(ours.get(i), platform).equals(argv[i])) {
                    return given; // not the same arguments (an @argfile, a re-exec): keep the JVM's
                }
                decoded.add(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(ours.get(i))).toString());
            }
            return decoded;
        } catch (IOException | RuntimeException e) {
            return given; // CharacterCodingException included: not UTF-8 after all
        }
    }

    /** The NUL-terminated strings of a {@code cmdline} file. */
    private static List<byte[]> split(byte[] bytes) {
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                byte[] part = new byte[i - start];
                System.arraycopy(bytes, start, part, 0, part.length);
                parts.add(part);
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            byte[] part = new byte[bytes.length - start];
            System.arraycopy(bytes, start, part, 0, part.length);
            parts.add(part);
        }
        return parts;
    }
}
