package fr.guichet.bot.ops;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What SIGTERM and Ctrl-C (SIGINT) do. By default the JVM would run its shutdown hooks and exit
 * with 143 or 130 while the main thread is still answering; here, when a long-running command
 * has registered how it stops ({@link #register}), a signal asks it to stop (it takes no new
 * message, lets the answers in progress finish, closes the database) and its own return gives
 * the exit code, 0. Past {@code patience}, the registration's {@code force} closes what must be
 * closed and the process exits 0 all the same; a second signal exits at once. Without a
 * registration (a report being written, an evaluation), a signal exits as usual.
 *
 * <p>The signals are taken with {@code sun.misc.Signal}, the JDK's supported-but-unofficial
 * way (module jdk.unsupported); where it is missing, a shutdown hook runs the stop and waits for
 * it instead (the exit code is then the JVM's).
 */
public final class Termination {
    private static final Logger LOG = LoggerFactory.getLogger(Termination.class);
    private static final Termination PROCESS = new Termination(true);

    /** How a running command stops, until it ends. */
    public final class Registration implements AutoCloseable {
        private final Runnable stop;
        private final Runnable force;
        private final Duration patience;
        private final CountDownLatch done = new CountDownLatch(1);

        private Registration(Runnable stop, Runnable force, Duration patience) {
            this.stop = stop;
            this.force = force;
            this.patience = patience;
        }

        /** The command has ended (its resources closed): a signal no longer concerns it. */
        @Override
        public void close() {
            done.countDown();
            current.compareAndSet(this, null);
        }

        boolean awaitEnd() throws InterruptedException {
            return done.await(patience.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private final boolean exits;
    private final AtomicReference<Registration> current = new AtomicReference<>();
    private final AtomicReference<Registration> stopping = new AtomicReference<>();

    private Termination(boolean exits) {
        this.exits = exits;
    }

    /** The process's: {@link #install} makes the signals reach it. */
    public static Termination process() {
        return PROCESS;
    }

    /** One that never exits the JVM (tests send it {@link #signal}s). */
    public static Termination forTests() {
        return new Termination(false);
    }

    /** Takes SIGTERM and SIGINT for Guichet (once, at the start of {@code main}). */
    public static void install() {
        try {
            for (String name : new String[] {"TERM", "INT"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> PROCESS.signal(name));
            }
        } catch (IllegalArgumentException | LinkageError e) {
            // no such signal here, or no jdk.unsupported: stop from a shutdown hook instead
            LOG.debug("signals not taken ({}): stopping from a shutdown hook", e.getClass().getSimpleName());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                Thread stopping = PROCESS.signal("shutdown");
                if (stopping != null) {
                    try {
                        stopping.join();
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            }, "guichet-shutdown"));
        }
    }

    /**
     * While the returned registration is open, a signal runs {@code stop} (once, in its own
     * thread), then waits up to {@code patience} for the registration to be closed; past that,
     * runs {@code force} and exits 0.
     */
    public Registration register(Runnable stop, Runnable force, Duration patience) {
        Registration r = new Registration(Objects.requireNonNull(stop, "stop"), Objects.requireNonNull(force, "force"),
                Objects.requireNonNull(patience, "patience"));
        current.set(r);
        return r;
    }

    /**
     * A signal arrived (from the system, or from a test). @return the thread stopping the
     * registered command, or null when there is none (the process exits)
     */
    public Thread signal(String name) {
        Registration r = current.get();
        if (r == null) {
            exit(name.equals("INT") ? 130 : 143);
            return null;
        }
        if (!stopping.compareAndSet(null, r)) {
            LOG.warn("second stop signal ({}): stopping now", name);
            exit(name.equals("INT") ? 130 : 143);
            return null;
        }
        return Thread.ofPlatform().name("guichet-stop").start(() -> {
            LOG.info("stop signal ({}): no new message, answers in progress finish, then the database is closed", name);
            try {
                r.stop.run();
                if (!r.awaitEnd()) {
                    LOG.warn("answers still in progress after {} s: stopping without them", r.patience.toSeconds());
                    r.force.run();
                    exit(0);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.error("stop failed: {}", e.getClass().getSimpleName());
                exit(1);
            }
        });
    }

    private void exit(int code) {
        if (exits) {
            // Runtime.exit would wait for shutdown hooks, and one of them may be what called us
            Thread.ofPlatform().daemon().start(() -> System.exit(code));
        }
    }
}
