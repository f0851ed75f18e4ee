package fr.guichet.bot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeArgsTest {
    private static final java.nio.charset.Charset ASCII = StandardCharsets.US_ASCII;

    @TempDir
    Path tmp;

    private Path cmdline(String... parts) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String p : parts) {
            bytes.write(p.getBytes(StandardCharsets.UTF_8));
            bytes.write(0);
        }
        return Files.write(tmp.resolve("cmdline"), bytes.toByteArray());
    }

    /** What the JVM gives under LC_ALL=C: each byte above 127 replaced. */
    private static String[] asTheJvmDecodesThem(String... args) {
        String[] out = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = new String(args[i].getBytes(StandardCharsets.UTF_8), ASCII);
        }
        return out;
    }

    @Test
    void theLastArgumentsAreReadAgainAsUtf8() throws Exception {
        Path cmdline = cmdline("java", "-Xmx1g", "-jar", "guichet.jar", "ask", "aide à Béthune");
        String[] jvm = asTheJvmDecodesThem("ask", "aide à Béthune");
        assertEquals(List.of("ask", "aide à Béthune"), NativeArgs.decode(jvm, ASCII, cmdline));
    }

    @Test
    void otherArgumentsThanTheJvmsAreLeftAlone() throws Exception {
        // an @argfile: the command line holds other words than the program received
        Path cmdline = cmdline("java", "@options", "autre chose");
        String[] jvm = asTheJvmDecodesThem("aide à Béthune");
        assertEquals(List.of(jvm), NativeArgs.decode(jvm, ASCII, cmdline));
        assertEquals(List.of("é"), NativeArgs.decode(new String[] {"é"}, StandardCharsets.UTF_8, cmdline),
                "a UTF-8 locale needs nothing");
        assertEquals(List.of(jvm), NativeArgs.decode(jvm, ASCII, tmp.resolve("absent")), "no /proc: as given");
    }
}
