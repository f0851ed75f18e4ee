package fr.guichet.bot.cli;

import fr.guichet.bot.Command;
import fr.guichet.bot.ops.CatalogueLoad;
import fr.guichet.knowledge.catalogue.Catalogue;
import fr.guichet.knowledge.catalogue.Problem;
import fr.guichet.knowledge.search.CatalogueIndex;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Loading a catalogue for a command: every problem printed, exit code 2 when it is refused. */
public final class CatalogueCommands {
    public static final int REFUSED = Command.REFUSED;

    private CatalogueCommands() {
    }

    /** A loaded and indexed catalogue, or the problems that refused it. */
    public record Opened(Catalogue catalogue, CatalogueIndex index, List<Problem> warnings, List<String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /** Loads {@code dir} as Guichet's runtime does ({@link CatalogueLoad}). */
    public static Opened open(Path dir, Clock clock) {
        CatalogueLoad load = CatalogueLoad.from(dir, clock);
        return load.ok() ? new Opened(load.snapshot().catalogue(), load.snapshot().index(), load.warnings(), List.of())
                : new Opened(null, null, load.warnings(), load.errors());
    }

    /** Prints problems to stderr; true when the catalogue can be used. */
    public static boolean report(Opened opened, Path dir, PrintStream err) {
        opened.warnings().forEach(w -> err.println("attention : " + w));
        if (!opened.ok()) {
            opened.errors().forEach(err::println);
            err.println("Catalogue refusé (" + dir + ") : " + opened.errors().size() + " problème(s).");
        }
        return opened.ok();
    }
}
