package fr.guichet.bot.assistant;

import fr.guichet.knowledge.text.FrenchText;
import fr.guichet.knowledge.catalogue.Stage;
import fr.guichet.knowledge.text.Places;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what a message says about the company: stage, sector, place, headcount. */
public final class ProfileExtractor {

    private static final Map<Pattern, Stage> STAGES = new LinkedHashMap<>();
    private static final Map<Pattern, String> SECTORS = new LinkedHashMap<>();
    private static final Pattern HEADCOUNT = Pattern.compile(
            "\\b(\\d{1,5})\\s*(salaries|salarie|employes|employe|personnes|collaborateurs|agents|ouvriers|etp)\\b"
                    + "|\\b(?:on est|on sera|nous sommes|equipe de) (\\d{1,5})\\b");

    static {
        STAGES.put(p("difficultes?|impayes?|tresorerie tendue|dettes?|redressement|cessation de paiements?|liquidation"),
                Stage.DIFFICULTE);
        STAGES.put(p("reprendre|reprise|racheter|rachat|vendre (ma|mon)|ceder|cession|transmettre|depart a la retraite"),
                Stage.TRANSMISSION_REPRISE);
        STAGES.put(p("je viens de creer|vient d etre creee|creee? (il y a|depuis) \\d+ (mois|ans?)|depuis \\d+ mois"
                + "|jeune entreprise|premiere annee|(1|2|un|deux) ans? d activite"), Stage.JEUNE_ENTREPRISE);
        STAGES.put(p("en train de creer|immatricul*|creation en cours|je cree|je monte|je suis en creation"), Stage.CREATION);
        // "je veux", typed as people type it: "jveux", "j veux", "jvoudrais", "on voudrait"…
        String wish = "(je |j |on |nous )?(veux|veut|voudrais|voudrait|voulons|souhaite|aimerais|aimerait|vais|va)"
                + "|jveux|jvoudrais|jaimerais|jvais|envie de|projet de";
        STAGES.put(p("j ai une idee|j ai un projet|porteur de projet|(" + wish + ") (creer|me lancer|se lancer|nous lancer|monter|ouvrir|demarrer)"
                + "|me lancer|futur (entrepreneur|createur)|demandeur d emploi qui"), Stage.PROJET);
        STAGES.put(p("developper|agrandir|croissance|nouveau marche|depuis \\d{2} ans|depuis (plus de )?[3-9] ans|investir"),
                Stage.DEVELOPPEMENT);

        // whole words; "*" marks a stem ("boulang*": boulanger, boulangerie), so "bar" is not "barbier"
        SECTORS.put(p("restaurants?|restos?|restau|bars?|cafes?|brasseries?|traiteurs?|hotels?|snacks?|pizzerias?"
                + "|friteries?|food trucks?|foodtruck"), "hotellerie-restauration");
        SECTORS.put(p("gites?|campings?|chambres? d hotes|tourisme|touristique"), "tourisme");
        SECTORS.put(p("boutiques?|magasins?|commerces?|commercante?s?|epiceries?|fleuriste|pret a porter|caviste|librairie"
                + "|superette"), "commerce");
        SECTORS.put(p("artisan*|plombier|electricien|menuisier|coiffeu*|barbier|boulang*|patissier|boucher*|charcutier"
                + "|macon*|peintre|carreleur|couvreur|garagiste|mecanicien|esthetici*"), "artisanat");
        SECTORS.put(p("usines?|industri*|fabrication|atelier de production|metallurgie|plasturgie|sous traitant|agroalimentaire"),
                "industrie");
        SECTORS.put(p("logistique|entrepots?|entreposage|supply chain"), "logistique");
        SECTORS.put(p("transport*|camions?|poids lourds?|taxis?|vtc|ambulan*"), "transport");
        SECTORS.put(p("btp|batiment|travaux publics|chantiers?|construction"), "batiment");
        SECTORS.put(p("agricult*|exploitation agricole|maraich*|eleveur|viticult*"), "agriculture");
        SECTORS.put(p("consultante?|conseil aux entreprises|agence|services? a la personne|informatique|developpeur"), "services");
    }

    /** Whole-word alternatives; a trailing "*" lets an alternative end in any letters. */
    private static Pattern p(String alternatives) {
        return Pattern.compile("\\b(" + alternatives.replace("*", "\\w*") + ")\\b");
    }

    public Profile extract(String message) {
        String text = FrenchText.normalize(message);
        Stage stage = null;
        for (var e : STAGES.entrySet()) {
            if (e.getKey().matcher(text).find()) {
                stage = e.getValue();
                break;
            }
        }
        String sector = null;
        for (var e : SECTORS.entrySet()) {
            if (e.getKey().matcher(text).find()) {
                sector = e.getValue();
                break;
            }
        }
        Integer headcount = null;
        Matcher m = HEADCOUNT.matcher(text);
        if (m.find()) {
            headcount = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(3));
        }
        String place = Places.get().findIn(message).map(pl -> pl.name()).orElse(null);
        return new Profile(stage, sector, place, headcount);
    }
}
