package fr.guichet.bot.ops;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the catalogue when its files change, while Guichet runs. The directory is watched
 * (the file system's notifications, and a light poll of the files' sizes and dates for file
 * systems that send none: network and some container mounts); a change waits for
 * {@code debounce} of quiet, since editors write in several steps (a temporary file, a rename,
 * a second save), then the new catalogue is loaded, validated and indexed in the background.
 * Valid, it replaces the served one at once ({@link LiveCatalogue}); refused, the last good one
 * stays served and the listener hears every problem, once per change.
 *
 * <p>Loads run on the given scheduler, one at a time.
 */
public final class CatalogueReloader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogueReloader.class);
    static final Duration DEBOUNCE = Duration.ofMillis(500);
    static final Duration POLL = Duration.ofSeconds(5);

    /** What the application does with each outcome (log, metrics, the staff channel). */
    public interface Listener {
        void reloaded(CatalogueSnapshot next, CatalogueSnapshot previous, Duration took);

        void refused(List<String> errors, Duration took);
    }

    private final Path dir;
    private final Clock clock;
    private final LiveCatalogue live;
    private final ScheduledExecutorService scheduler;
    private final Duration debounce;
    private final Duration poll;
    private final Listener listener;
    private final Object debouncing = new Object();
    private ScheduledFuture<?> pending; // guarded by debouncing
    private ScheduledFuture<?> polling;
    private WatchService watcher;
    /** The files as last loaded (or refused): a change is a difference from this. Touched on the scheduler only. */
    private volatile String lastSeen;
    private List<String> lastRefused = List.of();

    public CatalogueReloader(Path dir, Clock clock, LiveCatalogue live, ScheduledExecutorService scheduler, Listener listener) {
        this(dir, clock, live, scheduler, DEBOUNCE, POLL, listener);
    }

    CatalogueReloader(Path dir, Clock clock, LiveCatalogue live, ScheduledExecutorService scheduler, Duration debounce,
                      Duration poll, Listener listener) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.live = Objects.requireNonNull(live, "live");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.debounce = debounce;
        this.poll = poll;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.lastSeen = fingerprint(dir);
    }

    /** Starts watching. Without file-system notifications, the poll alone sees changes. */
    public CatalogueReloader start() {
        try {
            watcher = dir.getFileSystem().newWatchService();
            dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            Thread.ofPlatform().daemon().name("guichet-catalogue-watch").start(this::watch);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.info("catalogue {}: no change notifications here ({}), checked every {} s", dir,
                    e.getClass().getSimpleName(), poll.toSeconds());
        }
        polling = scheduler.scheduleWithFixedDelay(this::pollOnce, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                key.pollEvents(); // which file does not matter: the whole catalogue is loaded again
                changed();
                if (!key.reset()) {
                    LOG.warn("catalogue {}: the folder is no longer watched (removed or replaced); its files are still "
                            + "checked every {} s", dir, poll.toSeconds());
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // closed with the application
        }
    }

    /** A poll finding a change starts the quiet period, unless one is already running (it would never end). */
    private void pollOnce() {
        synchronized (debouncing) {
            if (pending != null && !pending.isDone()) {
                return;
            }
        }
        if (!fingerprint(dir).equals(lastSeen)) {
            changed();
        }
    }

    /** Something changed: load once {@code debounce} has passed without another change. */
    public void changed() {
        synchronized (debouncing) {
            if (pending != null) {
                pending.cancel(false);
            }
            try {
                pending = scheduler.schedule(this::reloadIfChanged, debounce.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the application is stopping
            }
        }
    }

    private void reloadIfChanged() {
        try {
            if (!fingerprint(dir).equals(lastSeen)) {
                reload();
            }
        } catch (RuntimeException | Error e) {
            // a throwing task would cancel nothing here, but the next change must still be seen
            LOG.error("catalogue reload failed: {}", e.getClass().getSimpleName());
        }
    }

    /**
     * Loads the catalogue now (the watcher calls it after the quiet period; tests and an operator
     * may call it directly). @return true when the new catalogue is served
     */
    public synchronized boolean reload() {
        String seen = fingerprint(dir);
        long start = System.nanoTime();
        CatalogueLoad load = CatalogueLoad.from(dir, clock);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        lastSeen = seen;
        if (load.ok()) {
            CatalogueSnapshot previous = live.swap(load.snapshot());
            lastRefused = List.of();
            listener.reloaded(load.snapshot(), previous, took);
            return true;
        }
        if (!load.errors().equals(lastRefused)) {
            lastRefused = load.errors();
            listener.refused(load.errors(), took);
        } else {
            LOG.debug("catalogue {} still refused, same problems", dir);
        }
        return false;
    }

    /**
     * The catalogue's files by name, size, modification time and inode (an editor's save by
     * rename makes a new one): what a change changes. Only
     * the kinds of files a catalogue is made of, so an editor's swap or backup file is no change.
     */
    static String fingerprint(Path dir) {
        TreeMap<String, String> files = new TreeMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                if (name.startsWith(".") || !(lower.endsWith(".json") || lower.endsWith(".csv") || lower.endsWith(".txt"))) {
                    continue;
                }
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    files.put(name, a.size() + "@" + a.lastModifiedTime() + "#" + a.fileKey());
                } catch (IOException e) {
                    files.put(name, "?"); // gone between listing and reading: the next look settles it
                }
            }
        } catch (IOException e) {
            return "unreadable:" + e.getClass().getSimpleName();
        }
        return files.toString();
    }

    @Override
    public void close() {
        synchronized (debouncing) {
            if (pending != null) {
                pending.cancel(false);
            }
        }
        if (polling != null) {
            polling.cancel(false);
        }
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                LOG.debug("catalogue watch close: {}", e.getClass().getSimpleName());
            }
        }
    }
}
