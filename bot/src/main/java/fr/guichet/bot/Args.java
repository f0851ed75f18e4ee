package fr.guichet.bot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options: {@code --name value} (or {@code --name=value}), {@code --flag}, and
 * positional words; {@code --} ends the options. Every command names the options it knows:
 * any other is refused ({@code chat --dta} must not silently use the default folder, nor
 * {@code ask --foo} swallow the question).
 */
public final class Args {
    /** The options of the commands that run Guichet on a catalogue and a data folder. */
    public static final Set<String> COMMON = Set.of("catalogue", "data");

    private final Map<String, String> options = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Args() {
    }

    /** With the {@link #COMMON} options ({@code --catalogue}, {@code --data}) and the given flags. */
    public static Args parse(List<String> argv, Set<String> flags) throws UsageException {
        return parse(argv, flags, COMMON);
    }

    /**
     * @param flags   options that take no value
     * @param options options that take a value
     * @throws UsageException for an unknown option, a flag given a value, or an option missing its value
     */
    public static Args parse(List<String> argv, Set<String> flags, Set<String> options) throws UsageException {
        Args args = new Args();
        boolean onlyWords = false;
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (onlyWords) {
                args.positional.add(a);
            } else if (a.equals("--")) {
                onlyWords = true;
            } else if (a.startsWith("--") && a.length() > 2) {
                String name = a.substring(2);
                int eq = name.indexOf('=');
                String value = null;
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (flags.contains(name)) {
                    if (value != null) {
                        throw new UsageException("l'option --" + name + " ne prend pas de valeur");
                    }
                    args.options.put(name, "true");
                } else if (options.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= argv.size()) {
                            throw new UsageException("l'option --" + name + " attend une valeur");
                        }
                        value = argv.get(++i);
                    }
                    args.options.put(name, value);
                } else {
                    throw new UsageException("option inconnue « --" + name + " »" + known(flags, options));
                }
            } else {
                args.positional.add(a);
            }
        }
        return args;
    }

    private static String known(Set<String> flags, Set<String> options) {
        List<String> all = new ArrayList<>();
        options.stream().sorted().forEach(o -> all.add("--" + o));
        flags.stream().sorted().forEach(f -> all.add("--" + f));
        return all.isEmpty() ? " (cette commande n'en prend aucune)" : " (options possibles : " + String.join(", ", all) + ")";
    }

    /**
     * A whole number option between {@code min} and {@code max}, or {@code fallback} when absent.
     * @throws UsageException in French for anything else
     */
    public int integer(String name, int min, int max, int fallback) throws UsageException {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--" + name + " attend un nombre entier entre " + min + " et " + max + " (reçu « " + v + " »)");
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

    /** For commands that take no word besides their options. @throws UsageException naming the first one */
    public Args noPositional() throws UsageException {
        if (!positional.isEmpty()) {
            throw new UsageException("mot inattendu « " + positional.get(0) + " » (une option s'écrit --nom valeur)");
        }
        return this;
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
