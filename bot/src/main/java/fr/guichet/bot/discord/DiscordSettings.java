package fr.guichet.bot.discord;

import fr.guichet.bot.Args;
import fr.guichet.bot.Wiring;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The Discord bot's settings, from the environment and, optionally, a properties file named
 * by {@code GUICHET_DISCORD_CONFIG} (same keys; the environment wins). The file may also hold
 * the common settings ({@code GUICHET_DATA}, {@code GUICHET_LLM_…}), read by {@link Wiring#settings}.
 *
 * @param guildIds servers where commands are registered (instantly); empty: global commands
 */
public record DiscordSettings(String token, List<Long> guildIds, long staffChannelId, long adviserRoleId,
                              Wiring.Settings core) {

    public static final String TOKEN = "DISCORD_TOKEN";
    public static final String GUILD_IDS = "DISCORD_GUILD_IDS";
    public static final String STAFF_CHANNEL = "DISCORD_STAFF_CHANNEL_ID";
    public static final String ADVISER_ROLE = "DISCORD_ADVISER_ROLE_ID";
    public static final String CONFIG_FILE = "GUICHET_DISCORD_CONFIG";

    private static final Pattern SNOWFLAKE = Pattern.compile("[0-9]{1,20}");

    public DiscordSettings {
        guildIds = List.copyOf(guildIds);
    }

    /** A setting missing or malformed: the message names it, in French, and never shows the token. */
    public static final class InvalidSetting extends Exception {
        public InvalidSetting(String message) {
            super(message);
        }
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "DiscordSettings[guildIds=" + guildIds + ", staffChannelId=" + staffChannelId + ", adviserRoleId="
                + adviserRoleId + ", core=" + core + "]";
    }

    public static DiscordSettings load(Args args, Map<String, String> env) throws InvalidSetting {
        Map<String, String> merged = merged(env);
        String token = merged.get(TOKEN);
        if (token == null || token.isBlank()) {
            throw new InvalidSetting(TOKEN + " manquant : le jeton du bot (Discord Developer Portal › votre application "
                    + "› Bot › Reset Token).");
        }
        token = token.strip();
        if (token.startsWith("Bot ")) {
            token = token.substring(4).strip();
        }
        if (!token.matches("[A-Za-z0-9._\\-]+")) {
            throw new InvalidSetting(TOKEN + " mal formé : un jeton ne contient que des lettres, des chiffres, « . », "
                    + "« _ » et « - » (pas d'espaces ni de guillemets).");
        }
        List<Long> guilds = new ArrayList<>();
        String guildList = merged.get(GUILD_IDS);
        if (guildList != null && !guildList.isBlank()) {
            for (String part : guildList.split(",")) {
                guilds.add(snowflake(GUILD_IDS, part.strip(), "une liste d'identifiants de serveurs séparés par des virgules"));
            }
        }
        long staff = required(merged, STAFF_CHANNEL, "l'identifiant du salon où s'ouvrent les fils des dossiers "
                + "(mode développeur de Discord, clic droit sur le salon › Copier l'identifiant du salon)");
        long role = required(merged, ADVISER_ROLE, "l'identifiant du rôle des conseillers (Paramètres du serveur › Rôles "
                + "› clic droit › Copier l'identifiant du rôle)");
        Wiring.Settings core;
        try {
            core = Wiring.settings(args, merged);
        } catch (Args.UsageException e) {
            throw new InvalidSetting(e.getMessage());
        }
        return new DiscordSettings(token, guilds, staff, role, core);
    }

    /** The file's values under the environment's. */
    static Map<String, String> merged(Map<String, String> env) throws InvalidSetting {
        String file = env.get(CONFIG_FILE);
        if (file == null || file.isBlank()) {
            return env;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(file.strip()), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidSetting(CONFIG_FILE + " : fichier de configuration illisible « " + file.strip() + " » ("
                    + e.getClass().getSimpleName() + ").");
        }
        Map<String, String> merged = new HashMap<>();
        properties.stringPropertyNames().forEach(k -> merged.put(k, properties.getProperty(k)));
        env.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                merged.put(k, v);
            }
        });
        return merged;
    }

    private static long required(Map<String, String> values, String name, String what) throws InvalidSetting {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new InvalidSetting(name + " manquant : " + what + ".");
        }
        return snowflake(name, value.strip(), "un identifiant Discord (des chiffres)");
    }

    private static long snowflake(String name, String value, String expected) throws InvalidSetting {
        if (SNOWFLAKE.matcher(value).matches()) {
            try {
                long id = Long.parseLong(value);
                if (id > 0) {
                    return id;
                }
            } catch (NumberFormatException ignored) {
                // too large: reported below
            }
        }
        throw new InvalidSetting(name + " doit être " + expected + " (reçu « " + DiscordLimits.truncate(value, 40) + " »).");
    }
}
