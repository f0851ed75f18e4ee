package fr.guichet.bot.cli;

import fr.guichet.knowledge.catalogue.Catalogue;
import fr.guichet.knowledge.catalogue.CatalogueException;
import fr.guichet.knowledge.catalogue.CatalogueLoader;
import fr.guichet.knowledge.catalogue.Problem;
import fr.guichet.knowledge.search.CatalogueIndex;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Loading a catalogue for a command: every problem printed, exit code 2 when it is refused. */
public final class CatalogueCommands {
    public static final int REFUSED = 2;

    private CatalogueCommands() {
    }

    /** A loaded and indexed catalogue, or the problems that refused it. */
    public record Opened(Catalogue catalogue, CatalogueIndex index, List<Problem> warnings, List<String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    public static Opened open(Path dir, Clock clock) {
        try {
            // judged on the command's day: « eval --as-of » judges expiry on its own date
            CatalogueLoader.Loaded loaded = new CatalogueLoader(LocalDate.now(clock)).load(dir);
            try {
                return new Opened(loaded.catalogue(), CatalogueIndex.build(loaded.catalogue(), clock),
                        loaded.warnings(), List.of());
            } catch (IllegalArgumentException e) {
                return new Opened(null, null, loaded.warnings(), List.of(e.getMessage()));
            }
        } catch (CatalogueException e) {
            List<String> errors = new ArrayList<>();
            List<Problem> warnings = new ArrayList<>();
            e.problems().forEach(p -> {
                if (p.isError()) {
                    errors.add(p.toString());
                } else {
                    warnings.add(p);
                }
            });
            return new Opened(null, null, warnings, errors);
        }
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
