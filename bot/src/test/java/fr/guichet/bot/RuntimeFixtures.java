package fr.guichet.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** A running Guichet on a copy of the bundled catalogue, for the runtime's tests. */
public final class RuntimeFixtures {
    /** A Tuesday, when the bundled catalogue's entries are current. UTC, as a server's clock would be. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private RuntimeFixtures() {
    }

    /** A copy of the bundled catalogue in {@code dir}, which staff may then edit. */
    public static Path catalogueCopy(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(TestAssistants.BUNDLED)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    public static Wiring.Settings settings(Path catalogue, Path data, Optional<InetSocketAddress> http) {
        return new Wiring.Settings(catalogue, data, Duration.ofHours(4), Duration.ofDays(180), Duration.ofHours(2),
                BigDecimal.valueOf(500_000), Optional.empty(), Wiring.DEFAULT_ZONE, http);
    }

    /** Starts the runtime as the chat does; what it prints goes to {@code err}. */
    public static Application start(Wiring.Settings settings, ByteArrayOutputStream err) throws Wiring.Refused {
        return Wiring.start(settings, CLOCK, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** The schemes file with entry {@code id}'s title given {@code word} more, written as an editor would. */
    public static String withWordInTitle(Path catalogue, String id, String word) throws IOException {
        ArrayNode schemes = (ArrayNode) JSON.readTree(Files.readString(TestAssistants.BUNDLED.resolve("schemes.json")));
        for (JsonNode entry : schemes) {
            if (entry.path("id").asText().equals(id)) {
                ((ObjectNode) entry).put("title", entry.path("title").asText() + " (" + word + ")");
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(schemes);
    }

    /** Writes a catalogue file the way an editor saves: a temporary file renamed over the old one. */
    public static void save(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Waits for {@code condition}, at most {@code limit}. @return whether it came */
    public static boolean await(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
