package fr.guichet.bot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The start-up check, against a stand-in for Discord's API on the loopback address: it also
 * shows that the OkHttp, Okio and Kotlin versions the build raised work together.
 */
class DiscordPreflightTest {
    private HttpServer server;
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private volatile int status;
    private volatile String body;

    @BeforeEach
    void discord() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v10/applications/@me", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private DiscordPreflight.Result check() {
        return new DiscordPreflight("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v10", Duration.ofSeconds(5))
                .check("the.token");
    }

    @Test
    void aRefusedTokenIsSaidSo() {
        status = 401;
        body = "{\"message\": \"401: Unauthorized\", \"code\": 0}";
        DiscordPreflight.Result r = check();
        assertEquals(DiscordPreflight.Status.TOKEN_REFUSED, r.status());
        assertTrue(r.detail().contains("HTTP 401"));
        assertEquals("Bot the.token", authorization.get(), "a bot token is sent as such");
    }

    @Test
    void noPrivilegedIntentIsAsked() {
        status = 200;
        body = "{\"id\": \"123456789012345678\", \"name\": \"Guichet\", \"flags\": 0}";
        DiscordPreflight.Result ok = check();
        assertEquals(DiscordPreflight.Status.OK, ok.status(), "Message Content is not needed");
        assertEquals(123456789012345678L, ok.applicationId());
    }

    @Test
    void anUnreachableOrFailingDiscordIsNotATokenProblem() throws IOException {
        status = 502;
        body = "{}";
        assertEquals(DiscordPreflight.Status.UNREACHABLE, check().status());

        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        DiscordPreflight.Result r = new DiscordPreflight("http://127.0.0.1:" + closedPort, Duration.ofSeconds(2))
                .check("the.token");
        assertEquals(DiscordPreflight.Status.UNREACHABLE, r.status());
        assertTrue(r.detail().startsWith("ConnectException"), r.detail());
    }

    @Test
    void theInviteLinkAsksForExactlyThePermissionsGuichetNeeds() {
        // View Channels, Send Messages, Send Messages in Threads, Create Public Threads, Embed Links,
        // Attach Files, Read Message History, Use Application Commands
        assertEquals(1024L + 2048L + 274877906944L + 34359738368L + 16384L + 32768L + 65536L + 2147483648L,
                DiscordPreflight.PERMISSIONS);
        assertEquals("https://discord.com/oauth2/authorize?client_id=42&scope=bot%20applications.commands"
                + "&permissions=311385246720", DiscordPreflight.inviteLink(42));
    }
}
