package fr.guichet.bot.discord;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An interaction's first callback: the acknowledgement Discord wants within 3 seconds, or
 * the interaction fails and its token dies. Sent by Guichet itself rather than through
 * Javacord's request queue, where every callback of the whole bot shares one rate-limit
 * bucket and waits for the previous one (6 at once with 400 ms of latency: the last one
 * after 2.1 s). The callback needs no bot token and is not rate limited per bot.
 */
interface Callbacks {

    /** What came of a callback. */
    enum Outcome {
        SENT,
        /** Discord no longer knows the interaction (too late, or answered already): nothing more can be said there. */
        EXPIRED,
        FAILED
    }

    /** One callback: its type and its data (null for none). */
    record Callback(int type, ObjectNode data) {
        static final int MESSAGE = 4;
        static final int DEFERRED_MESSAGE = 5;
        static final int DEFERRED_UPDATE = 6;
        static final int MODAL = 9;
        static final int EPHEMERAL = 64;

        /** « Guichet réfléchit… », private to the user or public. */
        static Callback defer(boolean ephemeral) {
            ObjectNode data = mentionsNobody();
            if (ephemeral) {
                data.put("flags", EPHEMERAL);
            }
            return new Callback(DEFERRED_MESSAGE, data);
        }

        /** Acknowledges a component without a message: the answers follow, or the component's message is edited. */
        static Callback deferUpdate() {
            return new Callback(DEFERRED_UPDATE, mentionsNobody());
        }

        /** A short text answer at once (refusals), pinging nobody. */
        static Callback text(String content, boolean ephemeral) {
            ObjectNode data = mentionsNobody();
            data.put("content", content);
            if (ephemeral) {
                data.put("flags", EPHEMERAL);
            }
            return new Callback(MESSAGE, data);
        }

        /** A form of short text inputs. */
        static Callback modal(String customId, String title, List<Input> inputs) {
            ObjectNode data = JSON.createObjectNode();
            data.put("custom_id", customId);
            data.put("title", title);
            ArrayNode rows = data.putArray("components");
            for (Input input : inputs) {
                ObjectNode field = rows.addObject().put("type", 1).putArray("components").addObject()
                        .put("type", 4)
                        .put("custom_id", input.customId())
                        .put("style", 1)
                        .put("label", input.label())
                        .put("required", input.required())
                        .put("max_length", input.maxLength());
                if (input.placeholder() != null) {
                    field.put("placeholder", input.placeholder());
                }
            }
            return new Callback(MODAL, data);
        }

        private static ObjectNode mentionsNobody() {
            ObjectNode data = JSON.createObjectNode();
            data.putObject("allowed_mentions").putArray("parse");
            return data;
        }

        String json() {
            ObjectNode body = JSON.createObjectNode().put("type", type);
            if (data != null) {
                body.set("data", data);
            }
            return body.toString();
        }
    }

    /** A short text input of a modal. */
    record Input(String customId, String label, boolean required, int maxLength, String placeholder) {
    }

    ObjectMapper JSON = new ObjectMapper();

    /** Sends the callback of the interaction {@code id} with its {@code token}; blocks until Discord answered. */
    Outcome send(long id, String token, Callback callback);

    /**
     * Over HTTP with the client of the given Javacord instance, so that its proxy and TLS
     * settings apply (another implementation of Javacord's API: a client of OkHttp's defaults).
     */
    static Callbacks of(org.javacord.api.DiscordApi api) {
        OkHttpClient client = api instanceof org.javacord.core.DiscordApiImpl impl ? impl.getHttpClient() : new OkHttpClient();
        // its own pool, keeping more idle connections than OkHttp's 5: over HTTP/1.1 (a proxy on the way) each
        // simultaneous callback needs a connection, and a new TLS connection costs what the 3 seconds cannot spare
        return http(client.newBuilder().connectionPool(new okhttp3.ConnectionPool(64, 5, java.util.concurrent.TimeUnit.MINUTES))
                .build(), DiscordPreflight.DISCORD_API);
    }

    /** Over HTTP with the given client. */
    static Callbacks http(OkHttpClient client, String apiBase) {
        return new Http(client, apiBase);
    }

    final class Http implements Callbacks {
        private static final Logger LOG = LoggerFactory.getLogger(Callbacks.class);
        private static final MediaType TYPE = MediaType.get("application/json");

        private final OkHttpClient client;
        private final String apiBase;

        Http(OkHttpClient client, String apiBase) {
            this.client = client;
            this.apiBase = apiBase;
        }

        /** Longest wait Guichet accepts before retrying a rate-limited callback: the 3 seconds are running. */
        private static final double MAX_RETRY_AFTER = 1.5;

        @Override
        public Outcome send(long id, String token, Callback callback) {
            return send(id, token, callback, true);
        }

        private Outcome send(long id, String token, Callback callback, boolean mayRetry) {
            Request request = new Request.Builder()
                    .url(apiBase + "/interactions/" + id + "/" + token + "/callback")
                    .header("User-Agent", "DiscordBot (https://www.artois.cci.fr, 0.1) Guichet")
                    .post(RequestBody.create(callback.json(), TYPE))
                    .build();
            try (Response response = client.newCall(request).execute()) {
                if (response.isSuccessful()) {
                    return Outcome.SENT;
                }
                ResponseBody body = response.body();
                String text = body == null ? "" : body.string();
                var json = Callbacks.JSON.readTree(text.isEmpty() ? "{}" : text);
                int code = json.path("code").asInt(0);
                if (response.code() == 429 && mayRetry && json.path("retry_after").asDouble(99) <= MAX_RETRY_AFTER) {
                    LOG.warn("interaction callback (type {}) rate limited: retried in {} s", callback.type(),
                            json.path("retry_after").asDouble());
                    Thread.sleep((long) (json.path("retry_after").asDouble() * 1000));
                    return send(id, token, callback, false);
                }
                // 10062 unknown interaction (3 s passed, or the token died), 40060 already acknowledged
                if (response.code() == 404 || code == 10062 || code == 40060) {
                    LOG.warn("interaction callback (type {}): the interaction has expired (HTTP {}, code {})",
                            callback.type(), response.code(), code);
                    return Outcome.EXPIRED;
                }
                LOG.warn("interaction callback (type {}) refused: HTTP {}, code {}", callback.type(), response.code(), code);
                return Outcome.FAILED;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.FAILED;
            } catch (IOException | RuntimeException e) {
                LOG.warn("interaction callback (type {}) failed: {}", callback.type(), Futures.describe(e));
                return Outcome.FAILED;
            }
        }
    }
}
