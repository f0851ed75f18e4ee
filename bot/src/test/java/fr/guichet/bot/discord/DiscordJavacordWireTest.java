package fr.guichet.bot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.javacord.api.entity.channel.TextChannel;
import org.javacord.api.entity.message.MessageBuilder;
import org.javacord.api.util.ratelimit.LocalRatelimiter;
import org.javacord.core.DiscordApiImpl;
import org.javacord.core.util.rest.RestEndpoint;
import org.javacord.core.util.rest.RestMethod;
import org.javacord.core.util.rest.RestRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Javacord's own REST path, end to end but offline: Javacord (over the OkHttp, Okio and Kotlin
 * versions this build raised) talks through an HTTP proxy on the loopback address that stands
 * in for discord.com (a self-signed certificate; Javacord told to trust it). Shows that the
 * raised dependencies work under Javacord 3.8.0, and what Discord would receive from Guichet.
 */
class DiscordJavacordWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the stand-in received it. */
    record Received(String method, String path, Map<String, String> headers, String body) {
    }

    private ServerSocket server;
    private Thread acceptor;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, String[]> answer; // {status line, JSON body}
    private DiscordApiImpl api;

    @BeforeEach
    void standIn() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = getClass().getResourceAsStream("/discord-test-tls.p12")) {
            keys.load(in, "guichet-test".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "guichet-test".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket raw = server.accept()) {
                    raw.setSoTimeout(10_000);
                    serve(raw, tls);
                } catch (IOException e) {
                    // closed at the end of the test, or a client gone
                }
            }
        }, "fake-discord");
        acceptor.setDaemon(true);
        acceptor.start();
        api = new DiscordApiImpl("fake.token.for-tests", new LocalRatelimiter(50, Duration.ofSeconds(1)),
                new LocalRatelimiter(1, Duration.ofSeconds(5)), null,
                new Proxy(Proxy.Type.HTTP, new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort())),
                null, true);
    }

    @AfterEach
    void stop() throws Exception {
        api.disconnect().get(10, TimeUnit.SECONDS);
        server.close();
        acceptor.join(5_000);
    }

    private void serve(Socket raw, SSLContext tls) throws IOException {
        String connect = head(raw.getInputStream());
        if (!connect.startsWith("CONNECT discord.com:443 ")) {
            return; // only Discord is stood in for
        }
        raw.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        raw.getOutputStream().flush();
        SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(raw, null, raw.getPort(), true);
        ssl.setUseClientMode(false);
        ssl.startHandshake();
        InputStream in = ssl.getInputStream();
        OutputStream out = ssl.getOutputStream();
        String request = head(in);
        String[] lines = request.split("\r\n");
        Map<String, String> headers = new java.util.HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        String[] requestLine = lines[0].split(" ");
        Received r = new Received(requestLine[0], requestLine[1], headers, new String(body, StandardCharsets.UTF_8));
        received.add(r);
        String[] reply = answer.apply(r);
        byte[] json = reply[1].getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + reply[0] + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(json);
        out.flush();
        ssl.close();
    }

    /** Reads up to the blank line ending an HTTP head, byte by byte (nothing read beyond it). */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            bytes.write(b);
            String s = bytes.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void javacordReadsAnAnswerThroughTheRaisedHttpStack() throws Exception {
        answer = r -> new String[] {"200 OK", "{\"url\": \"wss://gateway.discord.gg\"}"};
        String url = new RestRequest<String>(api, RestMethod.GET, RestEndpoint.GATEWAY)
                .includeAuthorizationHeader(false)
                .execute(result -> result.getJsonBody().get("url").asText())
                .get(20, TimeUnit.SECONDS);
        assertEquals("wss://gateway.discord.gg", url);
        assertEquals("/api/v10/gateway", received.get(0).path());
    }

    @Test
    void aThreadMessageReachesDiscordWithOnlyTheAdviserAllowedAndARefusalIsAMissingPermission() throws Exception {
        answer = r -> new String[] {"403 Forbidden", "{\"message\": \"Missing Permissions\", \"code\": 50013}"};
        DiscordMessage message = new DiscordNotifier(mock(StaffChannel.class), Map.of()).full(
                DiscordNotifierTest.aCase("alice", "bruno", "@everyone bonjour, <@&123> aussi"),
                "<@100000000000000001> 📣 Nouveau dossier", java.util.Set.of(100000000000000001L)).get(0);
        TextChannel thread = mock(TextChannel.class);
        when(thread.getApi()).thenReturn(api);
        when(thread.getId()).thenReturn(123L);
        when(thread.getIdAsString()).thenReturn("123");

        StaffChannel.DiscordFailure failure = assertThrows(StaffChannel.DiscordFailure.class, () -> Futures.await(
                JavacordMessages.fill(new MessageBuilder(), message).send(thread), Duration.ofSeconds(20), "post"));
        assertTrue(failure.missingPermissions(), failure.getMessage());

        Received post = received.get(received.size() - 1);
        assertEquals("POST", post.method());
        assertEquals("/api/v10/channels/123/messages", post.path());
        assertEquals("Bot fake.token.for-tests", post.headers().get("authorization"));
        JsonNode body = JSON.readTree(post.body());
        assertEquals(JSON.readTree("{\"parse\":[],\"roles\":[],\"users\":[\"100000000000000001\"],\"replied_user\":false}"),
                body.get("allowed_mentions"));
        assertTrue(body.get("content").asText().startsWith("<@100000000000000001> "));
        int total = 0;
        for (JsonNode embed : body.get("embeds")) {
            total += embed.path("title").asText("").length() + embed.path("description").asText("").length();
            assertTrue(!embed.path("description").asText("").contains("@everyone"));
        }
        assertTrue(total > 0 && total <= 6000, "embeds within 6,000 characters: " + total);
        JsonNode buttons = body.get("components").get(0).get("components");
        assertEquals(List.of("Je prends", "Clos", "Réaffecter"),
                List.of(buttons.get(0).get("label").asText(), buttons.get(1).get("label").asText(),
                        buttons.get(2).get("label").asText()));
        assertEquals(DiscordNotifier.CLAIM + "D-2026-000001", buttons.get(0).get("custom_id").asText());
    }
}
