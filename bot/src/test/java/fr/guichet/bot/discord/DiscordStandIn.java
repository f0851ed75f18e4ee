package fr.guichet.bot.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A stand-in for Discord on the loopback address, for the real Javacord client: its REST API
 * (through an HTTP proxy that answers {@code CONNECT discord.com:443} with a self-signed
 * certificate for discord.com) and its gateway (a WebSocket server). It records every request
 * with the time it arrived, answers as Discord does (including the echo of interaction
 * messages on the gateway, private ones without {@code guild_id} as Discord sends them), and
 * can be told to fail a request (429, 403, 400), to stop acknowledging heartbeats, to close
 * the socket or to invalidate the session.
 */
final class DiscordStandIn implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long APP = 100;
    static final long BOT = 999;
    static final long GUILD = 7;
    static final long TEXT = 500;
    static final long OTHER_TEXT = 501;
    static final long VOICE = 600;
    static final long STAFF = 900;
    static final long ADVISER_ROLE = 42;
    static final long BOT_ROLE = 43;
    /** Permissions of @everyone: view, send, embed links, read history, use application commands, threads. */
    static final long EVERYONE = (1L << 10) | (1L << 11) | (1L << 14) | (1L << 16) | (1L << 31) | (1L << 38);
    /** The bot's role: what the invitation link grants. */
    static final long BOT_PERMISSIONS = DiscordPreflight.PERMISSIONS;

    /** A file sent in a multipart request ({@code files[n]}), as Discord receives attachments. */
    record Part(String name, String filename, String contentType, byte[] bytes) {
    }

    /**
     * One request as the stand-in received it; {@code nanos} is {@link System#nanoTime()} at
     * arrival. For a multipart request (a message with attachments), {@code body} is its
     * {@code payload_json} and {@code files} its files.
     */
    record Request(long nanos, String method, String path, JsonNode body, List<Part> files) {
        boolean is(String m, String prefix) {
            return method.equals(m) && path.startsWith(prefix);
        }

        /** For an interaction callback or webhook: the interaction's token. */
        String token() {
            String[] parts = path.split("/");
            if (path.startsWith("/api/v10/interactions/")) {
                return parts[5];
            }
            if (path.startsWith("/api/v10/webhooks/")) {
                return parts[5];
            }
            return null;
        }
    }

    /** A canned failure: for requests matching {@code when}, {@code times} times. */
    record Fault(Predicate<Request> when, int status, String body, AtomicInteger times) {
    }

    /** Where an interaction happened, to echo its messages there. */
    record Place(long channel, Long guild) {
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final Map<String, Place> places = new ConcurrentHashMap<>();
    private final Map<Long, JsonNode> threads = new ConcurrentHashMap<>();
    /** The messages posted in each channel, as Discord keeps them (edits applied), oldest first. */
    private final Map<Long, List<ObjectNode>> posted = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1_000_000);
    private final ServerSocket proxy;
    private final SSLContext tls;
    private final ExecutorService connections = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory());
    private final Gateway gateway;
    /** Extra time before answering an interaction callback, as a far Discord would. */
    volatile long callbackLatencyMillis;
    /** The staff channel's permissions for the bot's role; null: the channel lets the role do all it needs. */
    volatile Long staffAllow;
    volatile int staffType = 0;

    DiscordStandIn() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = getClass().getResourceAsStream("/discord-test-tls.p12")) {
            keys.load(in, "guichet-test".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "guichet-test".toCharArray());
        tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        proxy = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!proxy.isClosed()) {
                try {
                    Socket raw = proxy.accept();
                    connections.execute(() -> serve(raw));
                } catch (IOException e) {
                    // closed
                }
            }
        }, "stand-in-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
        gateway = new Gateway(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        gateway.setReuseAddr(true);
        gateway.start();
        gateway.started.await(10, TimeUnit.SECONDS);
    }

    /** Sends only discord.com through the stand-in's proxy; the gateway (127.0.0.1) is reached directly. */
    ProxySelector proxySelector() {
        Proxy http = new Proxy(Proxy.Type.HTTP, new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.getLocalPort()));
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return "discord.com".equals(uri.getHost()) ? List.of(http) : List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            }
        };
    }

    String gatewayUrl() {
        return "ws://127.0.0.1:" + gateway.getPort();
    }

    Gateway gateway() {
        return gateway;
    }

    void fault(Predicate<Request> when, int status, String body, int times) {
        faults.add(new Fault(when, status, body, new AtomicInteger(times)));
    }

    void clearFaults() {
        faults.clear();
    }

    @Override
    public void close() throws Exception {
        proxy.close();
        gateway.stop(1000);
        connections.shutdownNow();
    }

    // ---- REST --------------------------------------------------------------------------------

    private void serve(Socket raw) {
        try (raw) {
            raw.setSoTimeout(30_000);
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
            while (true) { // keep-alive: one request after the other on this connection
                String request = head(in);
                if (request.isEmpty()) {
                    return;
                }
                String[] lines = request.split("\r\n");
                Map<String, String> headers = new HashMap<>();
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    if (colon > 0) {
                        headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
                    }
                }
                byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
                String[] requestLine = lines[0].split(" ");
                String contentType = headers.getOrDefault("content-type", "");
                List<Part> parts = contentType.startsWith("multipart/form-data")
                        ? multipart(body, contentType.substring(contentType.indexOf("boundary=") + "boundary=".length()))
                        : List.of();
                JsonNode payload;
                if (!parts.isEmpty()) {
                    payload = parts.stream().filter(pt -> pt.name().equals("payload_json")).findFirst()
                            .map(pt -> readJson(pt.bytes())).orElse(JSON.createObjectNode());
                    parts = parts.stream().filter(pt -> pt.filename() != null).toList();
                } else {
                    String text = new String(body, StandardCharsets.UTF_8);
                    payload = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
                }
                Request r = new Request(System.nanoTime(), requestLine[0], requestLine[1], payload, parts);
                requests.add(r);
                String[] reply = answer(r);
                byte[] json = reply[1].getBytes(StandardCharsets.UTF_8);
                // Via: Discord's answers come through its front end (Javacord reads a 429 without it as a ban)
                out.write(("HTTP/1.1 " + reply[0] + "\r\nContent-Type: application/json\r\nVia: 1.1 google\r\n"
                        + "Content-Length: " + json.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(json);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // a client gone, or the stand-in closing
        }
    }

    private static JsonNode readJson(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("payload_json is not JSON", e);
        }
    }

    /** The parts of a multipart/form-data body, as OkHttp writes them for Javacord. */
    static List<Part> multipart(byte[] body, String boundary) {
        String raw = new String(body, StandardCharsets.ISO_8859_1); // one char per byte: offsets are byte offsets
        String delimiter = "--" + boundary.replace("\"", "").strip();
        List<Part> parts = new ArrayList<>();
        int at = raw.indexOf(delimiter);
        while (at >= 0) {
            int start = at + delimiter.length();
            if (raw.startsWith("--", start)) {
                break; // the closing delimiter
            }
            int headEnd = raw.indexOf("\r\n\r\n", start);
            int next = raw.indexOf("\r\n" + delimiter, headEnd);
            if (headEnd < 0 || next < 0) {
                break;
            }
            String head = raw.substring(start, headEnd);
            String name = attribute(head, "name");
            String filename = attribute(head, "filename");
            String type = null;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    type = line.substring("content-type:".length()).strip();
                }
            }
            byte[] bytes = java.util.Arrays.copyOfRange(body, headEnd + 4, next);
            parts.add(new Part(name, filename, type, bytes));
            at = next + 2;
        }
        return parts;
    }

    private static String attribute(String head, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[; ]" + name + "=\"([^\"]*)\"").matcher(head);
        return m.find() ? m.group(1) : null;
    }

    /** The messages posted in a channel, oldest first, as they now are. */
    List<ObjectNode> postedIn(long channel) {
        return List.copyOf(posted.getOrDefault(channel, List.of()));
    }

    /** Reads up to the blank line ending an HTTP head ("" at the end of the stream). */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        int matched = 0;
        while ((b = in.read()) != -1) {
            bytes.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return bytes.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    private String[] answer(Request r) {
        for (Fault f : faults) {
            if (f.when().test(r) && f.times().getAndDecrement() > 0) {
                return new String[] {f.status() + " Fault", f.body()};
            }
        }
        String p = r.path();
        if (r.is("GET", "/api/v10/oauth2/applications/@me")) {
            ObjectNode app = JSON.createObjectNode().put("id", Long.toString(APP)).put("name", "Guichet")
                    .put("description", "").put("bot_public", false).put("bot_require_code_grant", false).put("flags", 0);
            app.set("owner", user(1, "owner", false));
            return ok(app);
        }
        if (r.is("GET", "/api/v10/gateway")) {
            return ok(JSON.createObjectNode().put("url", gatewayUrl()));
        }
        if (r.is("PUT", "/api/v10/applications/")) {
            return ok(JSON.createArrayNode());
        }
        if (r.is("POST", "/api/v10/interactions/")) {
            sleep(callbackLatencyMillis);
            int type = r.body().path("type").asInt();
            if (type == 4 || type == 5) {
                echo(r.token(), r.body().path("data"), type == 5);
            }
            return new String[] {"204 No Content", ""};
        }
        if (r.is("PATCH", "/api/v10/webhooks/") || r.is("POST", "/api/v10/webhooks/")) {
            Place place = places.getOrDefault(r.token(), new Place(TEXT, GUILD));
            return ok(message(place.channel(), r.body().path("flags").asInt(0) == 64 ? null : place.guild(), r.body()));
        }
        if (r.is("POST", "/api/v10/channels/") && p.endsWith("/threads")) {
            long parent = Long.parseLong(p.split("/")[4]);
            long id = ids.incrementAndGet();
            ObjectNode thread = JSON.createObjectNode().put("id", Long.toString(id)).put("type", 11)
                    .put("guild_id", Long.toString(GUILD)).put("parent_id", Long.toString(parent))
                    .put("owner_id", Long.toString(BOT)).put("name", r.body().path("name").asText())
                    .put("message_count", 0).put("member_count", 1).put("rate_limit_per_user", 0)
                    .putNull("last_message_id");
            thread.putObject("thread_metadata").put("archived", false).put("auto_archive_duration", 10080)
                    .put("archive_timestamp", Instant.now().toString()).put("locked", false);
            threads.put(id, thread);
            return ok(thread);
        }
        if (r.is("GET", "/api/v10/channels/") && p.contains("/threads/archived/public")) {
            ObjectNode list = JSON.createObjectNode().put("has_more", false);
            ArrayNode archived = list.putArray("threads");
            if (p.startsWith("/api/v10/channels/" + STAFF + "/")) {
                archived.add(archivedCaseThread());
            }
            list.putArray("members");
            return ok(list);
        }
        if (r.is("POST", "/api/v10/channels/") && p.endsWith("/messages")) {
            long channel = Long.parseLong(p.split("/")[4]);
            ObjectNode m = message(channel, channel == DM ? null : GUILD, r.body());
            posted.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(m);
            return ok(m);
        }
        if (r.is("GET", "/api/v10/channels/") && p.split("\\?")[0].endsWith("/messages")) {
            // newest first, as Discord lists them; only those after ?after=
            long channel = Long.parseLong(p.split("/")[4]);
            long after = query(p, "after").map(Long::parseLong).orElse(0L);
            int limit = query(p, "limit").map(Integer::parseInt).orElse(50);
            ArrayNode list = JSON.createArrayNode();
            List<ObjectNode> all = new ArrayList<>(posted.getOrDefault(channel, List.of()));
            java.util.Collections.reverse(all);
            all.stream().filter(m -> m.path("id").asLong() > after).limit(limit).forEach(list::add);
            return ok(list);
        }
        if (r.is("PATCH", "/api/v10/channels/") && p.matches("/api/v10/channels/[0-9]+/messages/[0-9]+")) {
            long channel = Long.parseLong(p.split("/")[4]);
            String id = p.split("/")[6];
            for (ObjectNode m : posted.getOrDefault(channel, List.of())) {
                if (m.path("id").asText().equals(id)) {
                    for (String field : List.of("content", "embeds", "components", "allowed_mentions")) {
                        if (r.body().has(field)) {
                            m.set(field, r.body().get(field));
                        }
                    }
                    m.put("edited_timestamp", Instant.now().toString());
                    return ok(m);
                }
            }
            return new String[] {"404 Not Found", "{\"message\": \"Unknown Message\", \"code\": 10008}"};
        }
        return new String[] {"404 Not Found", "{\"message\": \"Unknown\", \"code\": 0}"};
    }

    private static Optional<String> query(String path, String name) {
        int q = path.indexOf('?');
        if (q < 0) {
            return Optional.empty();
        }
        for (String pair : path.substring(q + 1).split("&")) {
            if (pair.startsWith(name + "=")) {
                return Optional.of(pair.substring(name.length() + 1));
            }
        }
        return Optional.empty();
    }

    private static void sleep(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String[] ok(JsonNode json) {
        return new String[] {"200 OK", json.toString()};
    }

    /** Discord posts the message an interaction answer makes; a private one comes without guild_id. */
    private void echo(String token, JsonNode data, boolean deferred) {
        Place place = places.get(token);
        if (place == null) {
            return;
        }
        int flags = data.path("flags").asInt(0);
        boolean ephemeral = (flags & 64) != 0;
        ObjectNode m = message(place.channel(), ephemeral ? null : place.guild(), data);
        m.put("flags", flags | (deferred ? 128 : 0));
        m.put("type", 20);
        gateway.dispatch("MESSAGE_CREATE", m);
    }

    ObjectNode message(long channel, Long guild, JsonNode body) {
        ObjectNode m = JSON.createObjectNode().put("id", Long.toString(ids.incrementAndGet()))
                .put("channel_id", Long.toString(channel)).put("content", body.path("content").asText(""))
                .put("timestamp", Instant.now().toString()).putNull("edited_timestamp").put("tts", false)
                .put("mention_everyone", false).put("pinned", false).put("type", 0).put("flags", body.path("flags").asInt(0));
        if (guild != null) {
            m.put("guild_id", Long.toString(guild));
        }
        m.set("author", user(BOT, "Guichet", true));
        m.putArray("mentions");
        m.putArray("mention_roles");
        m.putArray("attachments");
        m.set("embeds", body.has("embeds") ? body.get("embeds") : JSON.createArrayNode());
        m.set("components", body.has("components") ? body.get("components") : JSON.createArrayNode());
        return m;
    }

    // ---- Discord's objects ---------------------------------------------------------------------

    /** A case thread archived before Guichet started: not in GUILD_CREATE, only in the archived list. */
    static final long ARCHIVED_THREAD = 888;
    static final String ARCHIVED_CASE = "D-2025-000042";

    static ObjectNode archivedCaseThread() {
        ObjectNode thread = JSON.createObjectNode().put("id", Long.toString(ARCHIVED_THREAD)).put("type", 11)
                .put("guild_id", Long.toString(GUILD)).put("parent_id", Long.toString(STAFF))
                .put("owner_id", Long.toString(BOT)).put("name", ARCHIVED_CASE + " · création d'entreprise")
                .put("message_count", 3).put("member_count", 1).put("rate_limit_per_user", 0).putNull("last_message_id");
        thread.putObject("thread_metadata").put("archived", true).put("auto_archive_duration", 10080)
                .put("archive_timestamp", "2026-11-01T10:00:00Z").put("locked", false);
        return thread;
    }

    static final long DM = 321;

    static ObjectNode user(long id, String name, boolean bot) {
        return JSON.createObjectNode().put("id", Long.toString(id)).put("username", name).put("discriminator", "0")
                .putNull("avatar").put("bot", bot).put("public_flags", 0);
    }

    static ObjectNode member(long id, String name, long... roles) {
        ObjectNode m = JSON.createObjectNode();
        m.set("user", user(id, name, id == BOT));
        ArrayNode r = m.putArray("roles");
        for (long role : roles) {
            r.add(Long.toString(role));
        }
        m.put("joined_at", "2026-01-01T00:00:00.000000+00:00").put("deaf", false).put("mute", false)
                .putNull("nick").put("pending", false).putNull("premium_since").putNull("communication_disabled_until")
                .put("permissions", Long.toString(EVERYONE));
        return m;
    }

    private static ObjectNode role(long id, String name, long permissions, int position, boolean managed) {
        return JSON.createObjectNode().put("id", Long.toString(id)).put("name", name).put("color", 0).put("hoist", false)
                .put("position", position).put("permissions", Long.toString(permissions)).put("managed", managed)
                .put("mentionable", false).putNull("icon").putNull("unicode_emoji");
    }

    private ObjectNode channel(long id, int type, String name, int position) {
        ObjectNode c = JSON.createObjectNode().put("id", Long.toString(id)).put("type", type).put("name", name)
                .put("position", position).put("guild_id", Long.toString(GUILD)).put("nsfw", false)
                .put("rate_limit_per_user", 0).putNull("parent_id").putNull("topic").put("bitrate", 64000)
                .put("user_limit", 0).put("default_auto_archive_duration", 1440);
        c.putArray("permission_overwrites");
        return c;
    }

    /** The server as GUILD_CREATE gives it: every field Javacord's ServerImpl reads. */
    ObjectNode guild() {
        ObjectNode g = JSON.createObjectNode().put("id", Long.toString(GUILD)).put("name", "CCI Artois (stand-in)")
                .put("region", "europe").put("large", false).put("owner_id", "1").put("verification_level", 0)
                .put("explicit_content_filter", 0).put("default_message_notifications", 0).put("mfa_level", 0)
                .put("premium_tier", 0).put("nsfw_level", 0).put("preferred_locale", "fr").putNull("icon").putNull("splash")
                .putNull("afk_channel_id").put("afk_timeout", 300).putNull("system_channel_id")
                .put("premium_subscription_count", 0).putNull("rules_channel_id").putNull("description")
                .putNull("public_updates_channel_id").putNull("discovery_splash").putNull("vanity_url_code")
                .put("system_channel_flags", 0).put("unavailable", false).put("joined_at", "2026-01-01T00:00:00.000000+00:00");
        g.putArray("features");
        ArrayNode channels = g.putArray("channels");
        channels.add(channel(TEXT, 0, "questions", 0));
        channels.add(channel(OTHER_TEXT, 0, "entraide", 3));
        channels.add(channel(VOICE, 2, "vocal", 1));
        ObjectNode staff = channel(STAFF, staffType, "conseillers", 2);
        ArrayNode overwrites = staff.putArray("permission_overwrites");
        overwrites.addObject().put("id", Long.toString(GUILD)).put("type", 0).put("allow", "0").put("deny", Long.toString(1L << 10));
        long allow = staffAllow == null ? BOT_PERMISSIONS : staffAllow;
        overwrites.addObject().put("id", Long.toString(BOT_ROLE)).put("type", 0).put("allow", Long.toString(allow))
                .put("deny", Long.toString(BOT_PERMISSIONS & ~allow));
        overwrites.addObject().put("id", Long.toString(ADVISER_ROLE)).put("type", 0).put("allow", Long.toString(1L << 10)).put("deny", "0");
        channels.add(staff);
        g.putArray("threads");
        ArrayNode roles = g.putArray("roles");
        roles.add(role(GUILD, "@everyone", EVERYONE, 0, false));
        roles.add(role(ADVISER_ROLE, "Conseillers CCI", EVERYONE, 1, false));
        roles.add(role(BOT_ROLE, "Guichet", BOT_PERMISSIONS, 2, true));
        ArrayNode members = g.putArray("members");
        members.add(member(BOT, "Guichet", BOT_ROLE));
        g.put("member_count", 1);
        g.putArray("voice_states");
        g.putArray("emojis");
        g.putArray("stickers");
        g.putArray("presences");
        return g;
    }

    // ---- interactions --------------------------------------------------------------------------

    /** An interaction as Discord sends it, registered so that its messages are echoed in {@code channel}. */
    ObjectNode interaction(int type, long channel, Long guild, long userId, boolean adviser, ObjectNode data) {
        long id = ids.incrementAndGet();
        String token = "tok-" + id;
        places.put(token, new Place(channel, guild));
        ObjectNode i = JSON.createObjectNode().put("id", Long.toString(id)).put("application_id", Long.toString(APP))
                .put("type", type).put("token", token).put("version", 1).put("locale", "fr")
                .put("channel_id", Long.toString(channel));
        if (guild != null) {
            i.put("guild_id", Long.toString(guild)).put("guild_locale", "fr")
                    .put("app_permissions", Long.toString(BOT_PERMISSIONS));
            i.set("member", adviser ? member(userId, "user" + userId, ADVISER_ROLE) : member(userId, "user" + userId));
        } else {
            i.set("user", user(userId, "user" + userId, false));
        }
        i.set("data", data);
        return i;
    }

    static ObjectNode slash(String name, String option, String value) {
        ObjectNode d = JSON.createObjectNode().put("id", "1" + Math.abs(name.hashCode())).put("name", name).put("type", 1);
        ArrayNode options = d.putArray("options");
        if (option != null) {
            options.addObject().put("name", option).put("type", 3).put("value", value);
        }
        return d;
    }

    /** A click on a button with this custom id, on a message of the bot in {@code channel}. */
    ObjectNode buttonData(String customId) {
        return JSON.createObjectNode().put("custom_id", customId).put("component_type", 2);
    }

    ObjectNode componentInteraction(long channel, Long guild, long userId, boolean adviser, ObjectNode data, String customId,
                                    boolean ephemeralMessage) {
        ObjectNode i = interaction(3, channel, guild, userId, adviser, data);
        ObjectNode body = JSON.createObjectNode().put("content", "").put("flags", ephemeralMessage ? 64 : 0);
        ArrayNode rows = body.putArray("components");
        if (data.path("component_type").asInt() == 3) {
            ObjectNode menu = rows.addObject().put("type", 1).putArray("components").addObject().put("type", 3)
                    .put("custom_id", customId).put("placeholder", "…").put("min_values", 1).put("max_values", 1);
            menu.putArray("options").addObject().put("label", "x").put("value", data.path("values").path(0).asText());
        } else {
            rows.addObject().put("type", 1).putArray("components").addObject().put("type", 2).put("style", 2)
                    .put("custom_id", customId).put("label", "x");
        }
        i.set("message", message(channel, ephemeralMessage ? null : guild, body));
        return i;
    }

    static ObjectNode modalData(String customId, Map<String, String> fields) {
        ObjectNode d = JSON.createObjectNode().put("custom_id", customId);
        ArrayNode rows = d.putArray("components");
        fields.forEach((k, v) -> rows.addObject().put("type", 1).putArray("components").addObject().put("type", 4)
                .put("custom_id", k).put("value", v));
        return d;
    }

    /** The first callback Discord received for the interaction, if any. */
    Optional<Request> callback(JsonNode interaction) {
        String prefix = "/api/v10/interactions/" + interaction.path("id").asText() + "/";
        return requests.stream().filter(r -> r.is("POST", prefix)).findFirst();
    }

    List<Request> forToken(JsonNode interaction) {
        String token = interaction.path("token").asText();
        return requests.stream().filter(r -> token.equals(r.token())).toList();
    }

    List<Request> matching(Predicate<Request> p) {
        return requests.stream().filter(p).toList();
    }

    /** Waits until a request matches; fails after {@code timeout}. */
    Request await(Predicate<Request> p, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Request r : requests) {
                if (p.test(r)) {
                    return r;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no request for " + what + " within " + timeout.toMillis() + " ms; received: "
                + requests.stream().map(r -> r.method() + " " + r.path()).toList());
    }

    // ---- gateway -------------------------------------------------------------------------------

    /** The gateway: HELLO, IDENTIFY → READY + GUILD_CREATE, RESUME → RESUMED, heartbeats. */
    final class Gateway extends WebSocketServer {
        final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        final AtomicInteger identifies = new AtomicInteger();
        final AtomicInteger resumes = new AtomicInteger();
        final AtomicInteger heartbeats = new AtomicInteger();
        final AtomicInteger closesByClient = new AtomicInteger();
        final List<Integer> clientCloseCodes = new CopyOnWriteArrayList<>();
        volatile boolean acknowledgeHeartbeats = true;
        volatile int heartbeatInterval = 41250;
        private final AtomicInteger seq = new AtomicInteger();
        private volatile WebSocket current;

        Gateway(InetSocketAddress address) {
            super(address);
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            current = conn;
            ObjectNode hello = JSON.createObjectNode().put("op", 10).putNull("s").putNull("t");
            hello.putObject("d").put("heartbeat_interval", heartbeatInterval);
            conn.send(hello.toString());
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            if (remote) {
                closesByClient.incrementAndGet();
                clientCloseCodes.add(code);
            }
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            JsonNode packet;
            try {
                packet = JSON.readTree(message);
            } catch (IOException e) {
                return;
            }
            switch (packet.path("op").asInt()) {
                case 1 -> {
                    heartbeats.incrementAndGet();
                    if (acknowledgeHeartbeats) {
                        conn.send("{\"op\":11,\"d\":null,\"s\":null,\"t\":null}");
                    }
                }
                case 2 -> {
                    identifies.incrementAndGet();
                    ObjectNode ready = JSON.createObjectNode().put("v", 10).put("session_id", "session-" + identifies.get())
                            .put("resume_gateway_url", gatewayUrl());
                    ready.set("user", user(BOT, "Guichet", true));
                    ready.putArray("guilds").addObject().put("id", Long.toString(GUILD)).put("unavailable", true);
                    ready.putObject("application").put("id", Long.toString(APP)).put("flags", 0);
                    send(conn, "READY", ready);
                    send(conn, "GUILD_CREATE", guild());
                }
                case 6 -> {
                    resumes.incrementAndGet();
                    send(conn, "RESUMED", JSON.createObjectNode());
                }
                default -> {
                }
            }
        }

        private void send(WebSocket conn, String type, JsonNode data) {
            ObjectNode packet = JSON.createObjectNode().put("op", 0).put("s", seq.incrementAndGet()).put("t", type);
            packet.set("d", data);
            conn.send(packet.toString());
        }

        /** Sends an event to the connected client. @return {@link System#nanoTime()} when sent */
        long dispatch(String type, JsonNode data) {
            WebSocket conn = current;
            if (conn == null || !conn.isOpen()) {
                throw new IllegalStateException("no client connected");
            }
            long at = System.nanoTime();
            send(conn, type, data);
            return at;
        }

        void invalidSession() {
            current.send("{\"op\":9,\"d\":false,\"s\":null,\"t\":null}");
        }

        /** Closes the client's socket as Discord does when it wants a resume. */
        void closeForResume() {
            current.close(4000, "stand-in: unknown error, resume");
        }

        boolean connected() {
            WebSocket conn = current;
            return conn != null && conn.isOpen();
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }
    }
}
