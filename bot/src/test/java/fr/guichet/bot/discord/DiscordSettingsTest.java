package fr.guichet.bot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.bot.Args;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscordSettingsTest {
    private static final String TOKEN = "MTAwMDAwMDAwMDAwMDAwMDAx.GaBcDe.secret_part-123";

    private static Map<String, String> valid(Path data) {
        Map<String, String> env = new HashMap<>();
        env.put("DISCORD_TOKEN", TOKEN);
        env.put("DISCORD_STAFF_CHANNEL_ID", "1100000000000000001");
        env.put("DISCORD_ADVISER_ROLE_ID", "1200000000000000002");
        env.put("GUICHET_DATA", data.toString());
        return env;
    }

    private static DiscordSettings load(Map<String, String> env) throws Exception {
        return DiscordSettings.load(Args.parse(List.of(), Set.of()), env);
    }

    private static String error(Map<String, String> env) {
        return assertThrows(DiscordSettings.InvalidSetting.class, () -> load(env)).getMessage();
    }

    @Test
    void validSettingsAreRead(@TempDir Path data) throws Exception {
        Map<String, String> env = valid(data);
        env.put("DISCORD_GUILD_IDS", " 1300000000000000003, 1300000000000000004 ");
        DiscordSettings s = load(env);
        assertEquals(TOKEN, s.token());
        assertEquals(List.of(1300000000000000003L, 1300000000000000004L), s.guildIds());
        assertEquals(1100000000000000001L, s.staffChannelId());
        assertEquals(1200000000000000002L, s.adviserRoleId());
        assertEquals(data, s.core().data());
        assertFalse(s.toString().contains("secret"), "the token never shows in logs");
        assertEquals(List.of(), load(valid(data)).guildIds(), "no guild ids: global commands");
    }

    @Test
    void eachMissingOrMalformedSettingIsNamed(@TempDir Path data) {
        Map<String, String> env = valid(data);
        env.remove("DISCORD_TOKEN");
        assertTrue(error(env).startsWith("DISCORD_TOKEN manquant"));

        env = valid(data);
        env.put("DISCORD_TOKEN", "\"abc def\"");
        assertTrue(error(env).startsWith("DISCORD_TOKEN mal formé"));
        assertFalse(error(env).contains("abc"), "the token is not echoed");

        env = valid(data);
        env.remove("DISCORD_STAFF_CHANNEL_ID");
        assertTrue(error(env).startsWith("DISCORD_STAFF_CHANNEL_ID manquant"));

        env = valid(data);
        env.put("DISCORD_ADVISER_ROLE_ID", "@conseillers");
        assertTrue(error(env).startsWith("DISCORD_ADVISER_ROLE_ID doit être un identifiant Discord"), error(env));

        env = valid(data);
        env.put("DISCORD_GUILD_IDS", "123,abc");
        assertTrue(error(env).startsWith("DISCORD_GUILD_IDS doit être une liste"), error(env));

        env = valid(data);
        env.put("DISCORD_STAFF_CHANNEL_ID", "99999999999999999999"); // beyond a long
        assertTrue(error(env).startsWith("DISCORD_STAFF_CHANNEL_ID"));

        env = valid(data);
        env.put("GUICHET_REMINDER_HOURS", "quatre");
        assertTrue(error(env).startsWith("GUICHET_REMINDER_HOURS"), error(env));
    }

    @Test
    void aConfigFileGivesSettingsTheEnvironmentOverrides(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("discord.properties");
        Files.writeString(file, """
                # Guichet on the CCI's server
                DISCORD_TOKEN=%s
                DISCORD_STAFF_CHANNEL_ID=1100000000000000001
                DISCORD_ADVISER_ROLE_ID=1200000000000000002
                GUICHET_DATA=%s
                """.formatted(TOKEN, dir.resolve("from-file").toString().replace("\\", "\\\\")));
        Map<String, String> env = new HashMap<>(Map.of("GUICHET_DISCORD_CONFIG", file.toString(),
                "DISCORD_ADVISER_ROLE_ID", "1200000000000000009"));
        DiscordSettings s = load(env);
        assertEquals(TOKEN, s.token());
        assertEquals(1200000000000000009L, s.adviserRoleId(), "the environment wins");
        assertEquals(dir.resolve("from-file"), s.core().data(), "common settings come from the file too");

        env.put("GUICHET_DISCORD_CONFIG", dir.resolve("missing.properties").toString());
        assertTrue(error(env).startsWith("GUICHET_DISCORD_CONFIG : fichier de configuration illisible"));
    }
}
