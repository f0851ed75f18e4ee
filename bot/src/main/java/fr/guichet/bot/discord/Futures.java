package fr.guichet.bot.discord;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.javacord.api.exception.MissingPermissionsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Javacord answers with CompletableFutures; none may fail unseen. {@link #logged} attaches
 * a handler that logs a failure (what was attempted and the error class, never message
 * content), {@link #await} waits for one with a timeout.
 */
final class Futures {
    private static final Logger LOG = LoggerFactory.getLogger(Futures.class);
    /** Told each failure's code, for the metrics (set while the bot serves); a code, never a message. */
    private static volatile Consumer<String> errors = code -> {
    };

    /** Where failures' codes go ({@code fr.guichet.bot.ops.Metrics#discordError}); null: nowhere. */
    static void countErrors(Consumer<String> sink) {
        errors = sink == null ? code -> {
        } : sink;
    }

    /**
     * A failure's code, from a short closed list: Discord's HTTP status, {@code timeout}, or
     * {@code other}.
     */
    static String code(Throwable t) {
        for (Throwable c = unwrap(t); c != null; c = c.getCause()) {
            if (c instanceof org.javacord.api.exception.DiscordException d && d.getResponse().isPresent()) {
                return Integer.toString(d.getResponse().get().getCode());
            }
            if (c instanceof TimeoutException) {
                return "timeout";
            }
        }
        return "other";
    }

    /** Failures already counted: a failure logged by {@link #logged} and then awaited is one error, not two. */
    private static final java.util.Set<Throwable> COUNTED =
            java.util.Collections.synchronizedSet(java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));

    private static void count(Throwable error) {
        if (!COUNTED.add(unwrap(error))) {
            return;
        }
        try {
            errors.accept(code(error));
        } catch (RuntimeException e) {
            LOG.debug("error count failed: {}", e.getClass().getSimpleName());
        }
    }

    private Futures() {
    }

    /**
     * Logs the future's failure, if any, and hands it to {@code onFailure} (to report a
     * missing permission, say). Returns the same future.
     */
    static <T> CompletableFuture<T> logged(CompletableFuture<T> future, String what, Consumer<Throwable> onFailure) {
        if (future == null) {
            LOG.warn("{}: Javacord returned no future", what);
            return CompletableFuture.failedFuture(new IllegalStateException(what + ": no future"));
        }
        return future.whenComplete((result, error) -> {
            if (error != null) {
                LOG.warn("{} failed: {}", what, describe(error));
                count(error);
                try {
                    onFailure.accept(unwrap(error));
                } catch (RuntimeException e) {
                    LOG.warn("{}: reporting the failure failed too: {}", what, describe(e));
                }
            }
        });
    }

    static <T> CompletableFuture<T> logged(CompletableFuture<T> future, String what) {
        return logged(future, what, e -> {
        });
    }

    /** Waits for Discord's answer. @throws StaffChannel.DiscordFailure on failure or timeout */
    static <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
        if (future == null) {
            throw new StaffChannel.DiscordFailure(what + ": Javacord returned no future", null, false);
        }
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StaffChannel.DiscordFailure(what + ": interrupted", e, false);
        } catch (TimeoutException e) {
            count(e);
            throw new StaffChannel.DiscordFailure(what + ": no answer from Discord within " + timeout.toSeconds() + " s", e,
                    false);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            count(cause);
            throw new StaffChannel.DiscordFailure(what + ": " + describe(cause), cause, missingPermissions(cause));
        }
    }

    /**
     * Waits for Discord's answer; past the timeout the call is still pending (the future goes
     * on, and may succeed): logged as such and {@code false} returned, no exception.
     * @throws StaffChannel.DiscordFailure when Discord refused
     */
    static boolean awaitOrPending(CompletableFuture<?> future, Duration timeout, String what) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StaffChannel.DiscordFailure(what + ": interrupted", e, false);
        } catch (TimeoutException e) {
            LOG.warn("{}: pending, Discord has not answered within {} s (it goes on)", what, timeout.toSeconds());
            count(e);
            return false;
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            count(cause);
            throw new StaffChannel.DiscordFailure(what + ": " + describe(cause), cause, missingPermissions(cause));
        }
    }

    static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    static boolean missingPermissions(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof MissingPermissionsException
                    || c instanceof StaffChannel.DiscordFailure f && f.missingPermissions()) {
                return true;
            }
        }
        return false;
    }

    /** The error's class and the first line of its message, short: for logs. */
    static String describe(Throwable t) {
        Throwable cause = unwrap(t);
        String message = cause.getMessage() == null ? "" : cause.getMessage().lines().findFirst().orElse("");
        return cause.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + DiscordLimits.truncate(message, 200));
    }
}
