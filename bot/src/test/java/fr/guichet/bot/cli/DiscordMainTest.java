package fr.guichet.bot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Discord command is registered, and Javacord stays inside its adapter. */
class DiscordMainTest {

    @Test
    void theDiscordCommandIsRegisteredAndChecksItsSettingsFirst() {
        assertTrue(Main.commands().containsKey("discord"));
        assumeTrue(System.getenv("DISCORD_TOKEN") == null, "a real token in the environment: not run here");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = Main.run(List.of("discord"), new PrintStream(new ByteArrayOutputStream()), errStream);
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("DISCORD_TOKEN manquant"), err.toString());
    }

    @Test
    void verboseLogsNeverCarryJavacordsMessageBodies() {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level before = root.getLevel();
        try {
            Main.run(List.of("--verbose", "help"), new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(new ByteArrayOutputStream()));
            assertTrue(root.isDebugEnabled(), "--verbose lowers the root level");
            assertTrue(org.slf4j.LoggerFactory.getLogger("org.javacord.core.util.rest.RestRequest").isInfoEnabled());
            assertTrue(!org.slf4j.LoggerFactory.getLogger("org.javacord.core.util.rest.RestRequest").isDebugEnabled(),
                    "Javacord logs request bodies at DEBUG");
            assertTrue(!org.slf4j.LoggerFactory.getLogger("okhttp3.OkHttpClient").isTraceEnabled()
                    && !org.slf4j.LoggerFactory.getLogger("okhttp3.OkHttpClient").isInfoEnabled(),
                    "OkHttp's body logger stays silent");
        } finally {
            root.setLevel(before);
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.javacord"))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    @Test
    void onlyTheDiscordPackageImportsJavacord() throws IOException {
        for (Path root : List.of(Path.of("src/main/java"), Path.of("../knowledge/src/main/java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    boolean adapter = file.toString().replace('\\', '/').contains("fr/guichet/bot/discord/");
                    if (!adapter) {
                        assertTrue(Files.readAllLines(file).stream().map(String::strip).noneMatch(l ->
                                l.startsWith("import org.javacord") || l.startsWith("import static org.javacord")
                                        || l.contains("org.javacord.api.") || l.contains("org.javacord.core.")),
                                file + " uses Javacord");
                    }
                }
            }
        }
    }
}
