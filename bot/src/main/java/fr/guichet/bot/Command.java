package fr.guichet.bot;

import java.io.PrintStream;
import java.util.List;

/** A {@code ./guichet} sub-command. Returns the process exit code. */
public interface Command {
    /** Exit code of a command refused for its settings, its catalogue or its data (printed on stderr). */
    int REFUSED = 2;

    String name();

    /** One line for the help text. */
    String usage();

    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
