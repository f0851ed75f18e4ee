package fr.guichet.bot.handoff;

import fr.guichet.knowledge.catalogue.Adviser;
import fr.guichet.knowledge.catalogue.Catalogue;
import fr.guichet.knowledge.catalogue.Theme;
import fr.guichet.knowledge.text.Place;
import fr.guichet.knowledge.text.Places;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Chooses the adviser for a case: those whose domains cover its theme, preferring one
 * whose territory includes the entrepreneur's place, skipping those away (their backup
 * takes over). The catalogue guarantees every theme has someone.
 */
public final class AdviserRouter {

    /**
     * Who takes the case, and who stands in if they do not answer. {@code everyoneAway}: every
     * adviser of the case's domain, and their backups, are away, so nobody can keep the usual
     * delay; {@code backOn} is then the first day one of them is back (null when no absence
     * has an end date).
     */
    public record Routing(Adviser adviser, Adviser backup, boolean everyoneAway, LocalDate backOn) {

        private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.FRANCE);

        public Routing(Adviser adviser, Adviser backup) {
            this(adviser, backup, false, null);
        }

        /**
         * What to tell the entrepreneur instead of the usual contact delay when everyone is
         * away, in French; empty when the usual delay holds.
         */
        public Optional<String> delayNotice() {
            if (!everyoneAway) {
                return Optional.empty();
            }
            return Optional.of(backOn != null
                    ? "Les conseillers de ce domaine sont tous absents en ce moment : votre demande sera traitée à leur retour, "
                            + "à partir du " + DAY.format(backOn) + "."
                    : "Les conseillers de ce domaine sont tous absents en ce moment, sans date de retour connue : votre demande "
                            + "sera traitée dès que possible, sans délai garanti. Pour une urgence, appelez la CCI Artois.");
        }
    }

    private final Supplier<Catalogue> catalogue;
    private final Availability availability;

    public AdviserRouter(Catalogue catalogue, Availability availability) {
        this(() -> catalogue, availability);
    }

    /** @param catalogue the catalogue being served, read at each routing (it may be reloaded while Guichet runs) */
    public AdviserRouter(Supplier<Catalogue> catalogue, Availability availability) {
        this.catalogue = catalogue;
        this.availability = availability;
    }

    public Routing route(Theme theme, Optional<Place> place) {
        Catalogue served = catalogue.get();
        List<Adviser> advisers = served.advisers();
        Map<String, Adviser> byId = served.advisersById();
        Theme wanted = theme != null ? theme : Theme.CREATION;
        List<Adviser> candidates = new ArrayList<>(advisers.stream().filter(a -> a.domains().contains(wanted)).toList());
        if (candidates.isEmpty()) {
            candidates.addAll(advisers); // cannot happen with a validated catalogue; never leave a case with nobody
        }
        // territory first (a local adviser beats one for everywhere beats one elsewhere), then the order of the file
        candidates.sort(Comparator.comparingInt(a -> -territoryFit(a, place)));
        // everyone away: the first candidate still owns the case, and the entrepreneur is told
        Adviser present = candidates.stream().map(a -> presentOrBackup(a, byId)).filter(a -> a != null).findFirst().orElse(null);
        Adviser chosen = present != null ? present : candidates.get(0);
        Adviser backup = chosen.backup() != null ? byId.get(chosen.backup()) : null;
        if (backup == null || backup.id().equals(chosen.id())) {
            backup = candidates.stream().filter(a -> !a.id().equals(chosen.id())).findFirst().orElse(chosen);
        }
        if (present != null) {
            return new Routing(chosen, backup);
        }
        LocalDate backOn = candidates.stream().map(a -> availability.backOn(a.id())).flatMap(Optional::stream)
                .min(LocalDate::compareTo).orElse(null);
        return new Routing(chosen, backup, true, backOn);
    }

    /** The adviser if present, else the first present adviser along the backup chain. */
    private Adviser presentOrBackup(Adviser adviser, Map<String, Adviser> byId) {
        Set<String> seen = new HashSet<>();
        Adviser current = adviser;
        while (current != null && seen.add(current.id())) {
            if (!availability.isAway(current.id())) {
                return current;
            }
            current = current.backup() == null ? null : byId.get(current.backup());
        }
        return null;
    }

    /** 2: works where the entrepreneur is; 1: works everywhere; 0: elsewhere or place unknown. */
    private static int territoryFit(Adviser adviser, Optional<Place> place) {
        if (adviser.territories().isEmpty()) {
            return 1;
        }
        if (place.isEmpty() || place.get().path().isEmpty()) {
            return 0;
        }
        for (String territory : adviser.territories()) {
            Optional<Place> area = Places.get().area(territory);
            if (area.isPresent() && area.get().overlaps(place.get())) {
                return 2;
            }
        }
        return 0;
    }
}
