package fr.guichet.bot.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Asks Discord about the token before connecting, with the HTTP client Javacord itself uses
 * (OkHttp): Javacord reports a refused token only as "websocket closed before READY", and
 * retries for ever when Discord cannot be reached. Here each case is one clear answer: the
 * token is refused (HTTP 401), Discord cannot be reached, or all is well (with the application
 * id, for the invitation link). No privileged intent is needed: Guichet reads only direct
 * messages and messages that mention it, whose content Discord always gives.
 */
public final class DiscordPreflight {
    public static final String DISCORD_API = "https://discord.com/api/v10";
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Status { OK, TOKEN_REFUSED, UNREACHABLE }

    /** The outcome; {@code detail} is one line in French, {@code applicationId} is 0 unless OK. */
    public record Result(Status status, String detail, long applicationId, String applicationName) {
        static Result of(Status status, String detail) {
            return new Result(status, detail, 0, null);
        }
    }

    private final String baseUrl;
    private final OkHttpClient http;

    public DiscordPreflight(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = new OkHttpClient.Builder().callTimeout(timeout).connectTimeout(timeout).readTimeout(timeout).build();
    }

    public static DiscordPreflight discord() {
        return new DiscordPreflight(DISCORD_API, Duration.ofSeconds(15));
    }

    public Result check(String token) {
        Request request = new Request.Builder().url(baseUrl + "/applications/@me")
                .header("Authorization", "Bot " + token)
                .header("User-Agent", "DiscordBot (https://www.artois.cci.fr, 0.1) Guichet")
                .get().build();
        try (Response response = http.newCall(request).execute()) {
            if (response.code() == 401 || response.code() == 403) {
                return Result.of(Status.TOKEN_REFUSED, "jeton invalide, révoqué ou d'un autre type que « Bot » (HTTP "
                        + response.code() + "). Copiez le jeton de Developer Portal › Bot › Reset Token.");
            }
            if (!response.isSuccessful()) {
                return Result.of(Status.UNREACHABLE, "Discord répond HTTP " + response.code() + " ; réessayez plus tard.");
            }
            ResponseBody body = response.body();
            JsonNode app = JSON.readTree(body == null ? "{}" : body.string());
            long id = app.path("id").asLong(0);
            String name = app.path("name").asText("?");
            return new Result(Status.OK, "application « " + name + " »", id, name);
        } catch (UnknownHostException e) {
            return Result.of(Status.UNREACHABLE, "adresse de Discord introuvable (" + hostOf(baseUrl)
                    + ") : pas d'accès à Internet ou DNS indisponible.");
        } catch (IOException e) {
            return Result.of(Status.UNREACHABLE, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " : " + DiscordLimits.truncate(e.getMessage(), 150)) + ".");
        }
    }

    private static String hostOf(String url) {
        String rest = url.replaceFirst("^[a-z]+://", "");
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /**
     * The link that adds the bot to a server with the permissions Guichet needs: View
     * Channels, Send Messages, Send Messages in Threads, Create Public Threads, Embed Links,
     * Attach Files (the chart of /statistiques), Read Message History, Use Application Commands.
     */
    public static String inviteLink(long applicationId) {
        return "https://discord.com/oauth2/authorize?client_id=" + applicationId
                + "&scope=bot%20applications.commands&permissions=" + PERMISSIONS;
    }

    /** The sum of the permission bits listed for {@link #inviteLink}. */
    public static final long PERMISSIONS = (1L << 10) // View Channels
            | (1L << 11) // Send Messages
            | (1L << 38) // Send Messages in Threads
            | (1L << 35) // Create Public Threads
            | (1L << 14) // Embed Links
            | (1L << 15) // Attach Files
            | (1L << 16) // Read Message History
            | (1L << 31); // Use Application Commands
}
