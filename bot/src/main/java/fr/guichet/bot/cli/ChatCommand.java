package fr.guichet.bot.cli;

import fr.guichet.bot.Application;
import fr.guichet.bot.Args;
import fr.guichet.bot.Command;
import fr.guichet.bot.Wiring;
import fr.guichet.bot.assistant.Assistant;
import fr.guichet.bot.console.ConsoleChat;
import fr.guichet.bot.console.ConsoleInput;
import fr.guichet.bot.console.ConsoleLog;
import fr.guichet.bot.console.ConsoleNotifier;
import fr.guichet.bot.ops.Termination;
import fr.guichet.bot.privacy.Forgetting;
import fr.guichet.bot.store.SqliteLease;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code chat [--catalogue DIR] [--data DIR]}: the assistant in a terminal, entrepreneur's
 * side. Each run is a new entrepreneur (its own session id). Reminders run for this session's
 * own cases only, and only while no bot runs on the same data directory (the bot chases every
 * case, this session's included): a terminal user never sees other entrepreneurs' cases.
 *
 * <p>SIGTERM or Ctrl-C end the chat as the end of input does: the answer in progress is
 * finished (10 s at most), then the database is closed and the exit code is 0.
 */
public final class ChatCommand implements Command {
    /** How long a stop signal waits for the answer in progress. */
    static final Duration STOP_PATIENCE = Duration.ofSeconds(10);

    private final InputStream in;
    private final Map<String, String> env;
    private final Clock clock;
    private final Termination termination;

    public ChatCommand(InputStream in, Map<String, String> env, Clock clock) {
        this(in, env, clock, Termination.process());
    }

    public ChatCommand(InputStream in, Map<String, String> env, Clock clock, Termination termination) {
        this.in = in;
        this.env = env;
        this.clock = clock;
        this.termination = termination;
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
        Application app;
        try {
            app = Wiring.start(settings, clock, err);
        } catch (Wiring.Refused e) {
            return REFUSED;
        }
        String session = ConsoleChat.newSessionId();
        ConsoleInput input = new ConsoleInput(in);
        // from here, background output waits for the end of a prompt
        try (app; ConsoleLog console = new ConsoleLog(out, err).install();
             Termination.Registration onSignal = termination.register(input::end, app::close, STOP_PATIENCE)) {
            ConsoleNotifier notifier = new ConsoleNotifier(out);
            Assistant assistant = app.assistant(notifier);
            Forgetting forgetting = app.forgetting(notifier);
            app.startReminders(new ConsoleNotifier(console::post), c -> session.equals(c.entrepreneurId()),
                    SqliteLease.OWN_SESSION);
            new ConsoleChat(assistant, forgetting, input, out, session, console::flush, app::catalogueLine).run();
        }
        return 0;
    }
}
