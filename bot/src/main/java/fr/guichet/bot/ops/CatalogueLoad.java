package fr.guichet.bot.ops;

import fr.guichet.knowledge.catalogue.CatalogueException;
import fr.guichet.knowledge.catalogue.CatalogueLoader;
import fr.guichet.knowledge.catalogue.Problem;
import fr.guichet.knowledge.search.CatalogueIndex;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A catalogue directory loaded, validated and indexed, or the problems that refused it: what
 * the start of Guichet and each reload run.
 *
 * @param snapshot the catalogue ready to serve; null when refused
 * @param errors   what refused it, one line each (French); empty when it is served
 */
public record CatalogueLoad(CatalogueSnapshot snapshot, List<Problem> warnings, List<String> errors) {

    public CatalogueLoad {
        warnings = List.copyOf(warnings);
        errors = List.copyOf(errors);
    }

    public boolean ok() {
        return snapshot != null;
    }

    /** Loads {@code dir}; expiry is judged on the clock's day, in the clock's zone. */
    public static CatalogueLoad from(Path dir, Clock clock) {
        try {
            CatalogueLoader.Loaded loaded = new CatalogueLoader(LocalDate.now(clock)).load(dir);
            try {
                return new CatalogueLoad(CatalogueSnapshot.of(loaded.catalogue(), CatalogueIndex.build(loaded.catalogue(), clock),
                        clock.instant()), loaded.warnings(), List.of());
            } catch (IllegalArgumentException e) {
                return new CatalogueLoad(null, loaded.warnings(), List.of(e.getMessage()));
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
            return new CatalogueLoad(null, warnings, errors);
        }
    }
}
