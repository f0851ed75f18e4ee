package fr.guichet.bot.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import fr.guichet.bot.Args;
import fr.guichet.bot.Command;
import fr.guichet.bot.Wiring;
import fr.guichet.bot.discord.DiscordCommand;
import fr.guichet.bot.ops.Termination;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** Entry point: every command is registered here, the one place that wires Guichet together. */
public final class Main {

    /** Lucene says through java.util.logging that it runs without the incubating Vector API: not news for users. */
    private static final java.util.logging.Logger LUCENE_LOG = java.util.logging.Logger.getLogger("org.apache.lucene");

    private Main() {
    }

    static Map<String, Command> commands() {
        // the system's time in Guichet's zone (Europe/Paris unless GUICHET_TIMEZONE says otherwise), whatever the machine's
        return commands(System.getenv(), System.in, Wiring.clock(System.getenv()));
    }

    /** The commands on the given environment, input and clock (tests give their own). */
    static Map<String, Command> commands(Map<String, String> env, java.io.InputStream in, Clock clock) {
        Map<String, Command> commands = new LinkedHashMap<>();
        for (Command c : List.of(new ChatCommand(in, env, clock), new AskCommand(), new ValidateCommand(clock),
                new EvalCommand(), new ImportMteCommand(), new CasesCommand(env, clock), new BackupCommand(env, clock),
                new ReportCommand(env, clock), new BenchCommand(), new DiscordCommand(env, clock))) {
            commands.put(c.name(), c);
        }
        return commands;
    }

    public static void main(String[] argv) {
        LUCENE_LOG.setLevel(java.util.logging.Level.SEVERE);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        Termination.install(); // SIGTERM and Ctrl-C stop the chat and the bot gracefully
        System.exit(run(NativeArgs.decode(argv), out, err));
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) {
        return run(argv, commands(), out, err);
    }

    static int run(List<String> argv, Map<String, Command> commands, PrintStream out, PrintStream err) {
        List<String> args = new ArrayList<>(argv);
        if (args.remove("--verbose")) {
            ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.DEBUG);
            // Javacord's DEBUG carries message bodies: INFO at most (logback.xml keeps OkHttp's at WARN)
            ((Logger) LoggerFactory.getLogger("org.javacord")).setLevel(Level.INFO);
        }
        if (args.isEmpty() || (args.get(0).startsWith("--") && !args.get(0).equals("--help"))) {
            // no command: the Discord bot when a token is set, else the console chat
            String token = System.getenv("DISCORD_TOKEN");
            args.add(0, token != null && !token.isBlank() && commands.containsKey("discord") ? "discord" : "chat");
        }
        if (List.of("help", "--help", "-h").contains(args.get(0))) {
            help(commands, out);
            return 0;
        }
        Command command = commands.get(args.get(0));
        if (command == null) {
            err.println("Commande inconnue « " + args.get(0) + " ».");
            help(commands, err);
            return 2;
        }
        List<String> rest = args.subList(1, args.size());
        if (rest.contains("--help") || rest.contains("-h")) {
            out.println("usage : ./guichet " + command.usage());
            return 0;
        }
        try {
            return command.run(rest, out, err);
        } catch (Args.UsageException e) {
            err.println(e.getMessage());
            err.println("usage : ./guichet " + command.usage());
            return 2;
        } catch (OutOfMemoryError e) {
            // one line, not a stack trace; the memory the command held is free again here
            err.println("Mémoire insuffisante pour « " + command.name() + " » (" + (Runtime.getRuntime().maxMemory() >> 20)
                    + " Mo au plus) : donnez plus de mémoire à Java (GUICHET_JAVA_OPTS=-Xmx1g) ou réduisez les données.");
            return 1;
        } catch (StackOverflowError e) {
            LoggerFactory.getLogger(Main.class).error("command failed: StackOverflowError");
            err.println("Erreur interne (débordement de pile) dans « " + command.name() + " » : signalez-la à l'équipe Guichet.");
            return 1;
        } catch (Exception e) {
            LoggerFactory.getLogger(Main.class).debug("command failed", e);
            err.println("Erreur : " + e.getMessage());
            return 1;
        }
    }

    private static void help(Map<String, Command> commands, PrintStream out) {
        out.println("Guichet — l'assistant des entrepreneurs de Béthune-Bruay Artois Lys Romane (CCI Artois)");
        out.println("usage : ./guichet COMMANDE [options]   (--verbose pour des journaux détaillés)");
        commands.values().forEach(c -> out.println("  " + c.usage()));
    }
}
