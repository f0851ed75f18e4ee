package fr.guichet.bot;

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
    void onlyTheDiscordPackageImportsJavacord() throws IOException {
        for (Path root : List.of(Path.of("src/main/java"), Path.of("../knowledge/src/main/java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    boolean adapter = file.toString().replace('\\', '/').contains("fr/guichet/bot/discord/");
                    if (!adapter) {
                        assertTrue(!Files.readString(file).contains("org.javacord"), file + " imports Javacord");
                    }
                }
            }
        }
    }
}
