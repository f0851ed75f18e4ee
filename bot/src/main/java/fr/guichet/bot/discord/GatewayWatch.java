package fr.guichet.bot.discord;

import com.neovisionaries.ws.client.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.javacord.api.DiscordApi;
import org.javacord.core.DiscordApiImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway connection, watched. Javacord 3.8.0 tells a lost connection, a reconnection
 * or a resumed session only at INFO (hidden here), and when Discord stops acknowledging
 * heartbeats it only writes a DEBUG line and keeps the dead socket for ever (its close is
 * commented out): the bot is deaf and nothing shows it. Here those events are logged at WARN
 * on Guichet's logger, the state is kept for a health check, and a connection whose
 * heartbeats go unacknowledged for {@code staleAfter} is closed so that Javacord resumes.
 */
public final class GatewayWatch {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayWatch.class);
    /** Close code of our own choosing (4000-4999 are the application's): Javacord then resumes. */
    static final int STALE_CLOSE_CODE = 4000;

    public enum State {
        CONNECTED,
        /** The socket closed; Javacord is reconnecting. */
        LOST,
        /** Heartbeats went unacknowledged: the socket is being closed to resume. */
        STALE
    }

    /** What a health check reads. */
    public record Status(State state, Instant since, long lost, long resumed, long reconnected) {
        public boolean healthy() {
            return state == State.CONNECTED;
        }
    }

    private final DiscordApi api;
    private final Clock clock;
    private final Duration staleAfter;
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong resumed = new AtomicLong();
    private final AtomicLong reconnected = new AtomicLong();
    private volatile State state = State.CONNECTED;
    private volatile Instant since;
    private Duration lastLatency; // guarded by this
    private long lastSignNanos; // guarded by this: when an acknowledgement or a (re)connection was last seen
    private ScheduledFuture<?> checks;

    /** @param staleAfter how long without a heartbeat acknowledgement before the connection is called dead */
    public GatewayWatch(DiscordApi api, Clock clock, Duration staleAfter) {
        this.api = api;
        this.clock = clock;
        this.staleAfter = staleAfter;
        this.since = clock.instant();
        this.lastLatency = api.getLatestGatewayLatency();
        this.lastSignNanos = System.nanoTime();
    }

    /** Listens to the connection's events and checks the heartbeats every {@code every}. */
    public void start(ScheduledExecutorService scheduler, Duration every) {
        api.addLostConnectionListener(e -> {
            lost.incrementAndGet();
            change(State.LOST);
            LOG.warn("Discord gateway: connection lost; Javacord reconnects");
        });
        api.addResumeListener(e -> {
            resumed.incrementAndGet();
            alive();
            LOG.warn("Discord gateway: session resumed (events missed meanwhile are replayed by Discord)");
        });
        api.addReconnectListener(e -> {
            reconnected.incrementAndGet();
            alive();
            LOG.warn("Discord gateway: reconnected with a new session (events sent meanwhile are lost)");
        });
        checks = scheduler.scheduleWithFixedDelay(this::check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void stop() {
        if (checks != null) {
            checks.cancel(false);
        }
    }

    public Status status() {
        return new Status(state, since, lost.get(), resumed.get(), reconnected.get());
    }

    private synchronized void alive() {
        lastSignNanos = System.nanoTime();
        lastLatency = api.getLatestGatewayLatency();
        change(State.CONNECTED);
    }

    private void change(State to) {
        if (state != to) {
            state = to;
            since = clock.instant();
        }
    }

    /**
     * Each acknowledgement sets a new gateway latency (measured to the nanosecond): a latency
     * that has not moved for {@code staleAfter} means no heartbeat was acknowledged meanwhile.
     */
    synchronized void check() {
        try {
            Duration latency = api.getLatestGatewayLatency();
            long now = System.nanoTime();
            if (latency != null && !latency.equals(lastLatency)) {
                lastLatency = latency;
                lastSignNanos = now;
                return;
            }
            if (state == State.CONNECTED && now - lastSignNanos > staleAfter.toNanos()) {
                change(State.STALE);
                LOG.warn("Discord gateway: no heartbeat acknowledged for {} s; closing the connection to resume",
                        staleAfter.toSeconds());
                WebSocket socket = api instanceof DiscordApiImpl impl ? impl.getWebSocketAdapter().getWebSocket() : null;
                if (socket != null) {
                    socket.disconnect(STALE_CLOSE_CODE, "heartbeat not acknowledged", 1000);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Discord gateway: check failed ({})", Futures.describe(e));
        }
    }
}
