package fr.guichet.bot.assistant;

import fr.guichet.knowledge.text.FrenchText;
import fr.guichet.knowledge.catalogue.CatalogueAudit;
import fr.guichet.knowledge.catalogue.CatalogueInfo;
import fr.guichet.knowledge.catalogue.Entry;
import fr.guichet.knowledge.catalogue.EntryKind;
import fr.guichet.knowledge.catalogue.Session;
import fr.guichet.knowledge.catalogue.Stage;
import fr.guichet.knowledge.catalogue.TrainingDetails;
import fr.guichet.knowledge.text.Place;
import fr.guichet.knowledge.text.Places;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How entries read in a reply: cards, training facts, why an entry fits the profile. Only entry fields are used.
 * Public so that channel adapters show entries the same way the assistant does.
 */
public final class Cards {
    private static final Locale FRENCH = Locale.FRANCE;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", FRENCH);
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy", FRENCH);

    /** What a channel says under facts from a sample catalogue. */
    public static final String SAMPLE_NOTICE = "catalogue d'exemple, à faire vérifier par la CCI";
    /** Said next to a sample training's price, duration and dates, which are invented. */
    public static final String EXAMPLE = "(exemple)";
    /** The label of a link to the programme's own page. */
    public static final String OFFICIAL_PAGE = "Voir la fiche officielle";
    /** The label of a link to the home page of whoever runs it. */
    public static final String ORGANISATION_SITE = "Site de l'organisme";

    private Cards() {
    }

    public static Card card(Entry e, LocalDate today) {
        String detail = e.kind() == EntryKind.TRAINING ? trainingFacts(e, today)
                : e.benefit() != null ? firstSentences(e.benefit(), 300) : firstSentences(e.summary(), 300);
        return new Card(e.id(), e.kind().label(), e.title(), detail, e.url(),
                e.url() == null ? null : linkLabel(e.url()), e.provenance().fromSample());
    }

    /**
     * « Voir la fiche officielle » for a deep link, « Site de l'organisme » for a home page: a home
     * page is not the programme's own page, and saying so would send people looking for it.
     */
    public static String linkLabel(String url) {
        return CatalogueAudit.isHomePage(url) ? ORGANISATION_SITE : OFFICIAL_PAGE;
    }

    /**
     * The footer under catalogue facts: a sample catalogue says it is one; otherwise the
     * catalogue's name and its latest review date. Never « vérifié »: that is per entry.
     */
    public static String footer(CatalogueInfo info, Optional<LocalDate> lastReviewed) {
        if (info.sample()) {
            return "Sources : " + SAMPLE_NOTICE;
        }
        return "Sources : " + (info.name() != null ? info.name() : "catalogue de la CCI")
                + lastReviewed.map(d -> ", mis à jour le " + SHORT_DAY.format(d)).orElse("");
    }

    /**
     * « Fiche vérifiée le … par … » when the entry carries a real verification (a date and who
     * did it), else empty: a review date or a sample entry is never shown as verified.
     */
    public static Optional<String> verification(Entry e) {
        if (!e.provenance().verified() || e.provenance().fromSample()) {
            return Optional.empty();
        }
        return Optional.of("Fiche vérifiée le " + SHORT_DAY.format(e.provenance().verifiedOn()) + " par "
                + e.provenance().verifiedBy());
    }

    /**
     * Price, duration, format and next session of a training, from its fields only. In a sample
     * catalogue price, duration and dates are invented: each says « (exemple) ».
     */
    public static String trainingFacts(Entry e, LocalDate today) {
        TrainingDetails t = e.training();
        String example = e.provenance().fromSample() ? " " + EXAMPLE : "";
        List<String> facts = new ArrayList<>();
        if (t.priceEur() != null) {
            facts.add((t.isFree() ? "gratuit" : euros(t.priceEur())) + example);
        } else {
            facts.add("prix sur demande");
        }
        if (t.durationHours() != null) {
            facts.add(t.durationHours().stripTrailingZeros().toPlainString() + " h" + example);
        }
        if (t.format() != null) {
            facts.add(switch (t.format()) {
                case "presentiel" -> "en présentiel";
                case "distanciel" -> "à distance";
                default -> "mixte";
            });
        }
        if (Boolean.TRUE.equals(t.cpfEligible())) {
            facts.add("éligible CPF");
        }
        Optional<Session> next = t.nextSession(today);
        facts.add(next.map(s -> "prochaine session le " + DAY.format(s.start())
                        + (s.location() != null ? " à " + s.location() : "") + example)
                .orElse("pas de session programmée"));
        return String.join(" · ", facts);
    }

    static String euros(BigDecimal amount) {
        NumberFormat f = NumberFormat.getNumberInstance(FRENCH);
        f.setMaximumFractionDigits(2);
        return f.format(amount).replace('\u202f', ' ').replace('\u00a0', ' ') + " €";
    }

    /** Stage, sector and territory of the profile that the entry serves, in words. */
    static String whyItFits(Entry e, Profile profile) {
        List<String> reasons = new ArrayList<>();
        if (profile.stage() != null && e.audience().stages().contains(profile.stage())) {
            reasons.add("adapté à votre situation (" + profile.stage().label() + ")");
        }
        if (profile.sector() != null && e.audience().sectors().stream()
                .anyMatch(s -> FrenchText.normalize(s).equals(FrenchText.normalize(profile.sector())))) {
            reasons.add("prévu pour votre secteur (" + profile.sector() + ")");
        }
        if (profile.place() != null && !e.territories().isEmpty()) {
            Optional<Place> where = Places.get().area(profile.place());
            for (String territory : e.territories()) {
                Optional<Place> area = Places.get().area(territory);
                if (where.isPresent() && area.isPresent() && !area.get().path().isEmpty()
                        && area.get().overlaps(where.get())) {
                    reasons.add("disponible sur votre territoire (" + territory + ")");
                    break;
                }
            }
        }
        return String.join(", ", reasons);
    }

    /** The first sentences of a text, up to about {@code max} characters, cut on a sentence or word. */
    public static String firstSentences(String text, int max) {
        String flat = text.replaceAll("\\s+", " ").strip();
        if (flat.length() <= max) {
            return flat;
        }
        int end = flat.lastIndexOf(". ", max);
        if (end > max / 3) {
            return flat.substring(0, end + 1);
        }
        int space = flat.lastIndexOf(' ', max);
        return flat.substring(0, space > 0 ? space : max) + "…";
    }

    static boolean serves(Entry e, Stage stage) {
        return e.audience().stages().isEmpty() || e.audience().stages().contains(stage);
    }
}
