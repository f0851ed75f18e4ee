package fr.guichet.bot.cli;

import fr.guichet.bot.Command;
import fr.guichet.bot.Args;
import fr.guichet.bot.Wiring;
import fr.guichet.bot.assistant.Assistant;
import fr.guichet.bot.console.ConsoleChat;
import fr.guichet.bot.console.ConsoleLog;
import fr.guichet.bot.console.ConsoleNotifier;
import fr.guichet.bot.handoff.ReminderService;
import fr.guichet.bot.handoff.StoreException;
import fr.guichet.bot.handoff.WorkingHours;
import fr.guichet.bot.privacy.Forgetting;
import fr.guichet.bot.store.Database;
import fr.guichet.bot.store.SqliteFeedbackStore;
import fr.guichet.bot.store.SqliteHandoffStore;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code chat [--catalogue DIR] [--data DIR]}: the assistant in a terminal, entrepreneur's
 * side. Each run is a new entrepreneur (its own session id). Reminders run for this session's
 * own cases only: a terminal user never sees other entrepreneurs' cases, which their advisers'
 * channels (the Discord bot) chase.
 */
public final class ChatCommand implements Command {
    private final InputStream in;
    private final Map<String, String> env;
    private final Clock clock;

    public ChatCommand(InputStream in, Map<String, String> env, Clock clock) {
        this.in = in;
        this.env = env;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "chat";
    }

    @Override
    public String usage() {
        return "chat [--catalogue DIR] [--data DIR]     discuter avec Guichet dans le terminal (commande par défaut)";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Wiring.Settings settings = Wiring.settings(Args.parse(argv, Set.of(), Set.of("catalogue", "data")).noPositional(), env);
        var opened = CatalogueCommands.open(settings.catalogue(), clock);
        if (!CatalogueCommands.report(opened, settings.catalogue(), err)) {
            return CatalogueCommands.REFUSED;
        }
        Database db;
        try {
            db = new Database(settings.data());
        } catch (StoreException e) {
            err.println(e.getMessage());
            return CatalogueCommands.REFUSED;
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "guichet-reminders");
            t.setDaemon(true);
            return t;
        });
        String session = ConsoleChat.newSessionId();
        try (db; SqliteHandoffStore cases = new SqliteHandoffStore(db, clock)) {
            SqliteFeedbackStore feedback = new SqliteFeedbackStore(db);
            ConsoleNotifier notifier = new ConsoleNotifier(out);
            Assistant assistant = Wiring.assistant(opened.catalogue(), opened.index(), cases, feedback, notifier,
                    settings, clock);
            Forgetting forgetting = new Forgetting(assistant, cases, feedback, notifier, opened.catalogue().advisersById());
            // from here, background output waits for the end of a prompt
            try (ConsoleLog console = new ConsoleLog(out, err).install()) {
                new ReminderService(cases, opened.catalogue().advisersById(), new ConsoleNotifier(console::post),
                        WorkingHours.cci(), settings.reminderDelay(), clock, c -> session.equals(c.entrepreneurId()))
                        .start(scheduler);
                scheduler.scheduleWithFixedDelay(() -> Retention.apply(settings, cases, feedback, assistant, clock),
                        0, 1, TimeUnit.HOURS);
                new ConsoleChat(assistant, forgetting, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)),
                        out, session, console::flush).run();
            }
        } finally {
            scheduler.shutdownNow();
        }
        return 0;
    }
}
