package fr.guichet.bot.handoff;

import fr.guichet.knowledge.catalogue.Theme;
import fr.guichet.knowledge.search.Places;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules that send a case to a human adviser, explicit and testable on their own.
 * Text rules look at the message alone (lower case, no accents); the retrieval rules at
 * how well the catalogue answered. An LLM may add its opinion, the rules stand without it.
 */
public final class HandoffPolicy {

    /** Below this confidence the catalogue has no sure answer. */
    public static final double DEFAULT_MIN_CONFIDENCE = 0.34;
    public static final BigDecimal DEFAULT_LARGE_PROJECT_EUR = new BigDecimal("500000");

    private record Rule(Pattern pattern, HandoffReason reason, Theme domain) {
    }

    private static Rule rule(String regex, HandoffReason reason, Theme domain) {
        return new Rule(Pattern.compile(regex), reason, domain);
    }

    /** Situations a bot must not settle, then explicit asks; the first match wins. */
    private static final List<Rule> RULES = List.of(
            rule("\\b(cessation (de|des) paiements?|redressement|liquidation|depot de bilan|faillite|procedure collective"
                    + "|procedure de sauvegarde|mandat ad hoc|conciliation|huissier|saisie sur|plus de tresorerie"
                    + "|ne peux plus payer|peux plus payer|pas payer (mes|les) salaires|mettre la cle sous la porte"
                    + "|fermer (ma|mon) (boite|entreprise|societe)|en difficulte|dettes? (urssaf|fiscales?|sociales?))",
                    HandoffReason.SENSITIVE_SITUATION, Theme.DIFFICULTES),
            rule("\\b(licenciements? economiques?|licencier|plan social|rupture conventionnelle|prud ?hom\\w*)",
                    HandoffReason.SENSITIVE_SITUATION, Theme.RECRUTEMENT_RH),
            rule("\\b(harcelement|harcele\\w*|agression|discrimination)", HandoffReason.SENSITIVE_SITUATION,
                    Theme.RECRUTEMENT_RH),
            rule("\\b(litiges?|contentieux|proces|tribunal|avocat|mise en demeure|impaye\\w* d un client|porter plainte"
                    + "|attaquer en justice|assigne\\w*)", HandoffReason.SENSITIVE_SITUATION, Theme.JURIDIQUE_FORMALITES),
            rule("\\b((vendre|ceder|transmettre) (ma|mon|notre) (boite|entreprise|societe|affaire|fonds|commerce|restaurant|entreprise)"
                    + "|cession|ceder (ma|mon)|(racheter|reprendre|rachat d|reprise d) ?(une|un|la|le|l)? ?(boite|entreprise|societe"
                    + "|affaire|fonds|commerce|restaurant|bar|boulangerie|garage|salon|pme|tpe|hotel|magasin|boutique|cabinet)"
                    + "|fonds de commerce|depart a la retraite|partir a la retraite|mon successeur|un repreneur|trouver un repreneur)",
                    HandoffReason.SENSITIVE_SITUATION, Theme.REPRISE_TRANSMISSION),
            rule("\\b(cumul\\w*|combiner (les|des|plusieurs|ces)|plusieurs aides (en meme temps|a la fois)"
                    + "|(toutes|les) (ces )?aides (en meme temps|a la fois)|additionner (les|des) aides)",
                    HandoffReason.COMBINED_AIDS, Theme.FINANCEMENT),
            rule("\\b(parler (a|avec) (un|une|quelqu|une personne|un humain|un conseiller|une conseillere|la cci|vous)"
                    + "|un conseiller|une conseillere|(un|une|vrai|vraie) (humain|personne)|etre rappele\\w*|me rappeler"
                    + "|rappelez[ -]moi|me recontacter|me contacter|rendez[ -]vous|rdv|prendre contact|un rendez"
                    + "|quelqu un (de|a) la cci|joindre (la cci|quelqu un|un conseiller)|appeler (la cci|un conseiller)"
                    + "|numero de telephone de la cci)",
                    HandoffReason.EXPLICIT_REQUEST, null));

    /** Words that tell a question's theme when the catalogue cannot. */
    private static final List<Rule> THEME_HINTS = List.of(
            rule("\\b(creer|creation|me lancer|lancer|auto ?entrepreneur|micro ?entreprise|statut|immatricul)", null, Theme.CREATION),
            rule("\\b(reprendre|reprise|racheter|rachat|vendre|cession|transmission|retraite)", null, Theme.REPRISE_TRANSMISSION),
            rule("\\b(pret|financ|subvention|banque|argent|thune|fric|credit|investir|levee de fonds)", null, Theme.FINANCEMENT),
            rule("\\b(embauch|recrut|salarie|apprenti|alternan|rh|licenci|harcel)", null, Theme.RECRUTEMENT_RH),
            rule("\\b(formation|former|cours|apprendre)", null, Theme.FORMATION),
            rule("\\b(site|internet|numerique|digital|reseaux sociaux|informatique|cyber|ia)\\b", null, Theme.NUMERIQUE),
            rule("\\b(export|etranger|international|douane)", null, Theme.INTERNATIONAL),
            rule("\\b(innov|brevet|recherche|startup|start up)", null, Theme.INNOVATION),
            rule("\\b(usine|industri|production|machine)", null, Theme.INDUSTRIE),
            rule("\\b(commerce|magasin|boutique|vitrine|commercant)", null, Theme.COMMERCE),
            rule("\\b(logistique|entrepot|transport|camion)", null, Theme.LOGISTIQUE),
            rule("\\b(fluvial|peniche|canal|bateau)", null, Theme.FLUVIAL),
            rule("\\b(personnes agees|senior|silver)", null, Theme.SILVER_ECONOMIE),
            rule("\\b(touris|hotel|gite|camping)", null, Theme.TOURISME),
            rule("\\b(local|locaux|bureau|terrain|implant|immobilier|zone d activite)", null, Theme.IMMOBILIER_IMPLANTATION),
            rule("\\b(energie|ecolo|dechet|carbone|rse|environnement|climat|electricite)", null, Theme.DEVELOPPEMENT_DURABLE),
            rule("\\b(difficulte|dette|impaye|tresorerie)", null, Theme.DIFFICULTES),
            rule("\\b(juridique|contrat|formalite|kbis|juriste|droit)", null, Theme.JURIDIQUE_FORMALITES),
            rule("\\b(reseau|club|rencontrer d autres|networking)", null, Theme.RESEAUX_ANIMATION));

    private static final Pattern AMOUNT = Pattern.compile(
            "(\\d+(?:[ .,]\\d+)*)\\s*(millions?|mio|m€|k€|k\\b|mille)?\\s*(?:€|euros?|eur\\b)?");

    private final double minConfidence;
    private final BigDecimal largeProjectEur;

    public HandoffPolicy() {
        this(DEFAULT_MIN_CONFIDENCE, DEFAULT_LARGE_PROJECT_EUR);
    }

    public HandoffPolicy(double minConfidence, BigDecimal largeProjectEur) {
        this.minConfidence = minConfidence;
        this.largeProjectEur = largeProjectEur;
    }

    /** The rules that read the message itself: sensitive situations, explicit asks, large projects, combined aids. */
    public HandoffDecision onMessage(String message) {
        String text = Places.normalize(message);
        for (Rule r : RULES) {
            Matcher m = r.pattern().matcher(text);
            if (m.find()) {
                Theme domain = r.domain() != null ? r.domain() : themeHint(text).orElse(null);
                return HandoffDecision.to(domain, r.reason(), m.group());
            }
        }
        Optional<BigDecimal> amount = largestAmount(message);
        if (amount.isPresent() && amount.get().compareTo(largeProjectEur) >= 0) {
            return HandoffDecision.to(themeHint(text).orElse(Theme.FINANCEMENT), HandoffReason.LARGE_PROJECT,
                    amount.get().toPlainString() + " €");
        }
        return HandoffDecision.NONE;
    }

    /** After retrieval: nothing sure in the catalogue, or unhelpful answers twice in a row. */
    public HandoffDecision onRetrieval(String message, double topConfidence, int unhelpfulStreak) {
        String text = Places.normalize(message);
        if (unhelpfulStreak >= 2) {
            return HandoffDecision.to(themeHint(text).orElse(null), HandoffReason.UNHELPFUL_ANSWERS, null);
        }
        if (topConfidence < minConfidence) {
            return HandoffDecision.to(themeHint(text).orElse(null), HandoffReason.LOW_CONFIDENCE,
                    String.format(java.util.Locale.ROOT, "confiance %.2f", topConfidence));
        }
        return HandoffDecision.NONE;
    }

    public double minConfidence() {
        return minConfidence;
    }

    /** The theme the words of a message point to, if any. */
    public static Optional<Theme> themeHint(String normalizedText) {
        for (Rule r : THEME_HINTS) {
            if (r.pattern().matcher(normalizedText).find()) {
                return Optional.of(r.domain());
            }
        }
        return Optional.empty();
    }

    /** The largest sum of money named in a message ("2 millions", "800 000 €", "1,5 M€", "300k€"). */
    static Optional<BigDecimal> largestAmount(String message) {
        String text = message.toLowerCase(java.util.Locale.ROOT).replace('\u00a0', ' ').replace('\u202f', ' ');
        BigDecimal best = null;
        Matcher m = AMOUNT.matcher(text);
        while (m.find()) {
            String unit = m.group(2);
            boolean money = m.group().contains("€") || m.group().contains("euro") || m.group().matches(".*\\beur\\b.*");
            if (unit == null && !money) {
                continue;
            }
            String digits = m.group(1);
            BigDecimal value;
            try {
                // "1,5" and "1.5" are decimals; "800 000" and "800.000" are thousands
                if (digits.matches("\\d+[.,]\\d{1,2}")) {
                    value = new BigDecimal(digits.replace(',', '.'));
                } else {
                    value = new BigDecimal(digits.replaceAll("[ .,]", ""));
                }
            } catch (NumberFormatException e) {
                continue;
            }
            if (unit != null) {
                value = switch (unit) {
                    case "million", "millions", "mio", "m€" -> value.multiply(BigDecimal.valueOf(1_000_000));
                    case "k€", "k", "mille" -> value.multiply(BigDecimal.valueOf(1_000));
                    default -> value;
                };
            }
            if (best == null || value.compareTo(best) > 0) {
                best = value;
            }
        }
        return Optional.ofNullable(best);
    }
}
