package fr.guichet.bot.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line options: {@code --name value}, {@code --flag}, and positional words. */
public final class Args {
    private final Map<String, String> options = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Args() {
    }

    /**
     * @param flags options that take no value
     * @throws UsageException for an option missing its value
     */
    public static Args parse(List<String> argv, Set<String> flags) throws UsageException {
        Args args = new Args();
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.startsWith("--") && a.length() > 2) {
                String name = a.substring(2);
                int eq = name.indexOf('=');
                if (eq > 0) {
                    args.options.put(name.substring(0, eq), name.substring(eq + 1));
                } else if (flags.contains(name)) {
                    args.options.put(name, "true");
                } else if (i + 1 < argv.size()) {
                    args.options.put(name, argv.get(++i));
                } else {
                    throw new UsageException("l'option --" + name + " attend une valeur");
                }
            } else {
                args.positional.add(a);
            }
        }
        return args;
    }

    public String get(String name) {
        return options.get(name);
    }

    public String get(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    public List<String> positional() {
        return positional;
    }

    public String require(String name) throws UsageException {
        String v = options.get(name);
        if (v == null) {
            throw new UsageException("option obligatoire manquante : --" + name);
        }
        return v;
    }

    /** The catalogue directory: {@code --catalogue}, else the bundled one. */
    public Path catalogue() {
        String dir = options.get("catalogue");
        return dir != null ? Path.of(dir) : defaultCatalogue();
    }

    public static Path defaultCatalogue() {
        String home = System.getenv("GUICHET_HOME");
        return (home != null ? Path.of(home) : Path.of(".")).resolve("knowledge").resolve("catalogue");
    }

    /** Wrong usage of a command; the message is shown to the user. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }
}
