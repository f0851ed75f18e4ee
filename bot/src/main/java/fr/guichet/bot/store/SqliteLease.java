package fr.guichet.bot.store;

import fr.guichet.bot.handoff.ReminderService;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lease in the {@code leases} table: the one process of a data directory allowed to run a
 * job (the reminders). Taken or renewed in one statement, which succeeds when the row is this
 * process's, free, stale ({@code ttl} without renewal: its holder died), or held at a lower
 * priority: the bot, which chases every case, takes the reminders over from a console chat,
 * which chases only its own session's, and never the other way round.
 *
 * <p>The holder's name says which process it is, for an operator reading the table: its pid and
 * a random suffix (two processes may share a pid across containers). Not the host name, which
 * may say whose computer it is.
 */
public final class SqliteLease implements ReminderService.Lease {
    /** The reminders' lease. */
    public static final String REMINDERS = "reminders";
    /** Priorities: the bot chases every case, the console chat only its own session's. */
    public static final int ALL_CASES = 2;
    public static final int OWN_SESSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(SqliteLease.class);

    private final Database db;
    private final String name;
    private final String holder;
    private final int priority;
    private final Duration ttl;
    private final Clock clock;
    private volatile Boolean held; // last outcome, to log changes only

    public SqliteLease(Database db, String name, int priority, Duration ttl, Clock clock) {
        this(db, name, ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8), priority, ttl,
                clock);
    }

    SqliteLease(Database db, String name, String holder, int priority, Duration ttl, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.name = Objects.requireNonNull(name, "name");
        this.holder = Objects.requireNonNull(holder, "holder");
        this.priority = priority;
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl " + ttl);
        }
        this.ttl = ttl;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String holder() {
        return holder;
    }

    @Override
    public boolean hold() {
        Instant now = clock.instant();
        boolean ok = db.write("Impossible de prendre le bail « " + name + " »", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO leases (name, holder, priority, until) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, priority = excluded.priority,"
                    + " until = excluded.until WHERE leases.holder = excluded.holder OR leases.until < ?"
                    + " OR leases.priority < excluded.priority")) {
                ps.setString(1, name);
                ps.setString(2, holder);
                ps.setInt(3, priority);
                ps.setString(4, Database.timestamp(now.plus(ttl)));
                ps.setString(5, Database.timestamp(now));
                return ps.executeUpdate() == 1;
            }
        });
        Boolean before = held;
        if (before == null || before != ok) {
            if (ok) {
                LOG.info("bail « {} » : ce processus ({}) s'en charge", name, holder);
            } else {
                LOG.info("bail « {} » : un autre processus s'en charge ; celui-ci ({}) attend", name, holder);
            }
        }
        held = ok;
        return ok;
    }

    @Override
    public void release() {
        try {
            db.write("Impossible de rendre le bail « " + name + " »", c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM leases WHERE name = ? AND holder = ?")) {
                    ps.setString(1, name);
                    ps.setString(2, holder);
                    return ps.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            // it goes stale by itself within its ttl
            LOG.warn("bail « {} » non rendu ({}) : il expirera de lui-même", name, e.getClass().getSimpleName());
        }
        held = null;
    }
}
