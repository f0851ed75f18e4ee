package fr.guichet.knowledge.catalogue;

import fr.guichet.knowledge.text.FrenchText;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What makes a catalogue that loads still untrustworthy for entrepreneurs, as warnings (one
 * line each): example advisers in a catalogue that is not a sample, entries without a source,
 * figures no source backs, reviews older than six months, entries ending within sixty days,
 * links that are only a home page. {@code validate --strict} makes them errors.
 */
public final class CatalogueAudit {
    static final int REVIEW_MONTHS = 6;
    static final int ENDING_DAYS = 60;
    /** Domains reserved for examples (RFC 2606). */
    private static final Set<String> EXAMPLE_DOMAINS = Set.of("example.org", "example.com", "example.net");

    private CatalogueAudit() {
    }

    public static List<Problem> warnings(Path dir, Catalogue catalogue, LocalDate today) {
        List<Problem> out = new ArrayList<>();
        if (!catalogue.info().sample()) {
            exampleAdvisers(catalogue, out);
        }
        for (Entry e : catalogue.entries()) {
            String file = file(dir, e.kind());
            if (e.sources().isEmpty()) {
                long figures = figures(e).values().stream().flatMap(Set::stream).distinct().count();
                out.add(Problem.warning(file, e.id(), "sources", "aucune source"
                        + (figures > 0 ? " (" + figures + " chiffre(s) à justifier)" : "")));
            } else {
                unsourcedFigures(file, e, out);
            }
            if (e.lastReviewed() != null && e.lastReviewed().isBefore(today.minusMonths(REVIEW_MONTHS))) {
                out.add(Problem.warning(file, e.id(), "last_reviewed", "revue il y a plus de " + REVIEW_MONTHS
                        + " mois (" + e.lastReviewed() + ")"));
            }
            if (e.validUntil() != null && !e.validUntil().isBefore(today)
                    && e.validUntil().isBefore(today.plusDays(ENDING_DAYS))) {
                out.add(Problem.warning(file, e.id(), "valid_until", "se termine dans moins de " + ENDING_DAYS
                        + " jours (" + e.validUntil() + ")"));
            }
            if (e.url() != null && isHomePage(e.url())) {
                out.add(Problem.warning(file, e.id(), "url", "page d'accueil seulement (" + e.url()
                        + ") : mettez le lien de la page du dispositif si elle existe"));
            }
        }
        return out;
    }

    /** A link to a site's home page rather than to a page of its own: no path, or just {@code /}. */
    public static boolean isHomePage(String url) {
        try {
            String path = URI.create(url.strip()).getPath();
            return (path == null || path.isEmpty() || path.equals("/")) && URI.create(url.strip()).getQuery() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** An adviser whose address is at an example domain, or whose name or role says « exemple ». */
    public static boolean isExample(Adviser a) {
        if (a.email() != null) {
            String domain = a.email().substring(a.email().indexOf('@') + 1).toLowerCase(Locale.ROOT);
            if (EXAMPLE_DOMAINS.contains(domain)) {
                return true;
            }
        }
        return FrenchText.normalize(a.role()).contains("exemple") || FrenchText.normalize(a.name()).contains("exemple");
    }

    private static void exampleAdvisers(Catalogue catalogue, List<Problem> out) {
        for (Adviser a : catalogue.advisers()) {
            if (isExample(a)) {
                String field = a.email() != null && isExampleDomain(a.email()) ? "email"
                        : FrenchText.normalize(a.role()).contains("exemple") ? "role" : "name";
                out.add(Problem.warning("advisers.json", a.id(), field, "conseiller d'exemple dans un catalogue qui n'est pas un exemple "
                        + "(catalogue.json : status) : remplacez-le par un vrai conseiller"));
            }
        }
    }

    private static boolean isExampleDomain(String email) {
        return EXAMPLE_DOMAINS.contains(email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT));
    }

    private static void unsourcedFigures(String file, Entry e, List<Problem> out) {
        Set<String> backed = new HashSet<>();
        e.sources().forEach(s -> backed.addAll(Figures.inAll(s.supports())));
        figures(e).forEach((field, figures) -> {
            Set<String> missing = new LinkedHashSet<>(figures);
            missing.removeAll(backed);
            if (!missing.isEmpty()) {
                out.add(Problem.warning(file, e.id(), field, "chiffre(s) sans source : " + String.join(", ", missing)
                        + " (citez-les dans sources[].supports, ou écrivez-les en mots : « selon le dossier »)"));
            }
        });
    }

    /**
     * The figures of an entry, by field. In a sample catalogue a training's price, duration and
     * sessions are shown as examples, so they need no source there; validity and review dates are
     * the catalogue's own bookkeeping, not facts about the scheme.
     */
    public static Map<String, Set<String>> figures(Entry e) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        text(out, "title", e.title());
        text(out, "summary", e.summary());
        text(out, "description", e.description());
        text(out, "benefit", e.benefit());
        text(out, "how_to_apply", e.howToApply());
        text(out, "cost", e.cost());
        e.audience().conditions().forEach(c -> text(out, "audience.conditions", c));
        number(out, "amount_min", e.amountMin());
        number(out, "amount_max", e.amountMax());
        if (e.kind() == EntryKind.TRAINING) {
            TrainingDetails t = e.training();
            text(out, "certification", t.certification());
            text(out, "prerequisites", t.prerequisites());
            if (!e.provenance().fromSample()) {
                number(out, "duration_hours", t.durationHours());
                number(out, "price_eur", t.priceEur() != null && t.priceEur().signum() == 0 ? null : t.priceEur());
                for (Session s : t.sessions()) {
                    if (s.start() != null) {
                        text(out, "sessions", s.start().toString());
                    }
                }
            }
        }
        return out;
    }

    private static void text(Map<String, Set<String>> out, String field, String text) {
        Set<String> figures = Figures.in(text);
        if (!figures.isEmpty()) {
            out.computeIfAbsent(field, k -> new LinkedHashSet<>()).addAll(figures);
        }
    }

    private static void number(Map<String, Set<String>> out, String field, BigDecimal value) {
        if (value != null) {
            out.computeIfAbsent(field, k -> new LinkedHashSet<>()).add(Figures.of(value));
        }
    }

    private static String file(Path dir, EntryKind kind) {
        String json = kind.fileStem() + ".json";
        String csv = kind.fileStem() + ".csv";
        return dir != null && !Files.exists(dir.resolve(json)) && Files.exists(dir.resolve(csv)) ? csv : json;
    }
}
