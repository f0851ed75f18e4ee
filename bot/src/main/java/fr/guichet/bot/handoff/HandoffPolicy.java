package fr.guichet.bot.handoff;

import fr.guichet.knowledge.text.FrenchText;
import fr.guichet.knowledge.catalogue.Theme;
import fr.guichet.knowledge.text.Places;
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
    public static final double DEFAULT_MIN_CONFIDENCE = 0.2;
    public static final BigDecimal DEFAULT_LARGE_PROJECT_EUR = new BigDecimal("500000");

    private record Rule(Pattern pattern, HandoffReason reason, Theme domain) {
    }

    private static Rule rule(String regex, HandoffReason reason, Theme domain) {
        return new Rule(Pattern.compile(regex), reason, domain);
    }

    /** What an entrepreneur calls the business they sell or take over. */
    private static final String BUSINESS = "(boite|entreprise|societe|affaire|commerce|restaurant|resto|garage|bar"
            + "|magasin|boutique|pme|tpe|hotel|salon|cabinet|usine|boulangerie|boucherie|patisserie|pharmacie|epicerie"
            + "|pizzeria|friterie|brasserie|cafe|camping|gite|agence|imprimerie|pressing|laverie|auto ecole|licence)";

    /** Situations a bot must not settle, then explicit asks; the first match wins. */
    private static final List<Rule> RULES = List.of(
            rule("\\b((vendre|ceder|transmettre|revendre) (ma|mon|notre|nos) " + BUSINESS + "|cession|(racheter|reprendre|rachat d"
                    + "|reprise d|rachter) ?(une|un|la|le|l|les)? ?(" + BUSINESS + "|fonds|fond|parts)|fonds? de commerce"
                    + "|depart a la retraite|partir a la retraite|mon successeur|un repreneur|trouver un repreneur"
                    + "|parts (de|d) (mon|ma) associe|(combien|que) (vaut|valent) (ma|mon|notre|nos)|valeur de (ma|mon|notre) "
                    + BUSINESS + "|(evaluer|estimer) (ma|mon|notre) " + BUSINESS + ")",
                    HandoffReason.SENSITIVE_SITUATION, Theme.REPRISE_TRANSMISSION),
            rule("\\b(cessation (de|des) paiements?|redressement|liquidation|depot de bilan|deposer le bilan|faillite|procedure collective"
                    + "|procedure de sauvegarde|huissier|saisie sur|plus de tresorerie|(peux|pouvons) plus (rien )?payer"
                    + "|pas payer (mes|les) salaires|mettre la cle sous la porte|ma boite coule|tout arreter"
                    + "|dettes? (urssaf|fiscales?|sociales?)|effacer (mes|les) dettes)",
                    HandoffReason.SENSITIVE_SITUATION, Theme.DIFFICULTES),
            rule("\\b(licenciements? economiques?|licencier|plan social|plan de licenciement|rupture conventionnelle|prud ?hom\\w*)",
                    HandoffReason.SENSITIVE_SITUATION, Theme.RECRUTEMENT_RH),
            rule("\\b((?<!referent )(?<!referente )harcelement|harcel(?!ement)\\w*|agression|discrimination)",
                    HandoffReason.SENSITIVE_SITUATION, Theme.RECRUTEMENT_RH),
            rule("\\b(litiges?|contentieux|en conflit|conflit (avec|entre)|c est le conflit|on s embrouille|proces|tribunal|avocat|mise en demeure|porter plainte|l attaquer"
                    + "|attaquer en justice|assigne\\w*|refuse de (me )?payer|pas d accord (du tout )?sur)",
                    HandoffReason.SENSITIVE_SITUATION, Theme.JURIDIQUE_FORMALITES),
            rule("\\b(cumul\\w*|combiner (les|des|plusieurs|ces)|plusieurs aides (en meme temps|a la fois)|en meme temps"
                    + "|avoir les deux|(toutes|les) (ces )?aides a la fois|additionner (les|des) aides)",
                    HandoffReason.COMBINED_AIDS, null),
            rule("\\b(parler (a|avec) (un|une|quelqu|la cci|vous|un humain)|(un|une|vrai|vraie|mon|ma) (conseiller|conseillere)"
                    + "|(un|vrai|une vraie) humain|une vraie personne|etre rappele\\w*|me rappeler|rappelez[ -]moi|appelez[ -]moi"
                    + "|m appeler|me recontacter|me contacter|(prendre|avoir|obtenir|fixer|demander) (un )?(rdv|rendez vous)"
                    + "|rendez vous avec|quelqu un (de|a) la cci|joindre (la cci|quelqu un|un conseiller)"
                    + "|appeler (la cci|un conseiller)|numero de telephone de la cci|(un|le) contact (a|de|avec|chez) la cci"
                    + "|(voir|rencontrer|echanger avec|discuter avec) (quelqu un|un conseiller|une conseillere|un expert)"
                    + "|par (un|une) (humain|personne|conseiller|conseillere|expert))",
                    HandoffReason.EXPLICIT_REQUEST, null));

    /**
     * Words that tell a question's theme when no rule fixes it. Specific subjects come
     * before the generic ones: "un prêt pour mon hôtel" is a tourism case before a financing one.
     */
    private static final List<Rule> THEME_HINTS = List.of(
            rule("\\b(reprendre|reprise|racheter|rachat|cession|transmission|transmettre|retraite|repreneur)", null,
                    Theme.REPRISE_TRANSMISSION),
            rule("\\b(export|etranger|international|douane|filiale|etats unis)", null, Theme.INTERNATIONAL),
            rule("\\b(innov|brevet|recherche|startup|start up|cir|cii|jei)\\b", null, Theme.INNOVATION),
            rule("\\b(touris|hotel|gite|camping)", null, Theme.TOURISME),
            rule("\\b(usine|industri|production|machine)", null, Theme.INDUSTRIE),
            rule("\\b(logistique|entrepot|transport|camion)", null, Theme.LOGISTIQUE),
            rule("\\b(fluvial|peniche|canal|bateau)", null, Theme.FLUVIAL),
            rule("\\b(personnes agees|senior|silver)", null, Theme.SILVER_ECONOMIE),
            rule("\\b(local|locaux|bureau|terrain|implant|immobilier|zone d activite)", null, Theme.IMMOBILIER_IMPLANTATION),
            rule("\\b(site|internet|numerique|digital|reseaux sociaux|informatique|cyber|ia)\\b", null, Theme.NUMERIQUE),
            rule("\\b(commerce|magasin|boutique|vitrine|commercant)", null, Theme.COMMERCE),
            rule("\\b(energie|ecolo|dechet|carbone|rse|environnement|climat|electricite)", null, Theme.DEVELOPPEMENT_DURABLE),
            rule("\\b(difficulte|dette|impaye|tresorerie)", null, Theme.DIFFICULTES),
            rule("\\b(formation|former|cours|apprendre)", null, Theme.FORMATION),
            rule("\\b(embauch|recrut|salarie|apprenti|alternan|rh|licenci|harcel)", null, Theme.RECRUTEMENT_RH),
            rule("\\b(juridique|contrat|formalite|kbis|juriste|droit)", null, Theme.JURIDIQUE_FORMALITES),
            rule("\\b(reseau|club|rencontrer d autres|networking)", null, Theme.RESEAUX_ANIMATION),
            rule("\\b(creer|creation|me lancer|lancer|auto ?entrepreneur|micro ?entreprise|statut|immatricul|arce|acre)",
                    null, Theme.CREATION),
            rule("\\b(pret|financ|subvention|banque|argent|thune|fric|credit|investir|levee de fonds)", null,
                    Theme.FINANCEMENT));

    private static final Pattern TRAINING_ABOUT_IT = Pattern.compile(
            "\\b(formations?|former|webinaires?|ateliers?|reunions? d information)\\b (pour|sur|a|de|d) ?(la |l )?"
                    + "(reprendre|reprise|transmission|transmettre|cession|ceder|vendre|rachat|racheter|evaluer|evaluation)");

    private static final Pattern AMOUNT = Pattern.compile(
            "(\\d+(?:[ .,]\\d+)*)\\s*(millions?|mio|m€|k€|k\\b|mille)?\\s*(?:€|euros?|eur\\b)?");

    private static final Pattern TURNOVER = Pattern.compile(
            "\\s*((de |d'|d’)?euros?\\s*)?(de |d'|d’)?\\s*(ca\\b|c\\.a\\.|chiffre)");

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
        String text = TriggerWords.correct(FrenchText.normalize(message));
        for (Rule r : RULES) {
            Matcher m = r.pattern().matcher(text);
            if (m.find()) {
                if (r.domain() == Theme.REPRISE_TRANSMISSION && TRAINING_ABOUT_IT.matcher(text).find()) {
                    continue; // "une formation pour reprendre une entreprise" asks for a course, the catalogue has them
                }
                // null domain: the assistant takes the theme of what the catalogue finds
                return HandoffDecision.to(r.domain(), r.reason(), m.group());
            }
        }
        Optional<BigDecimal> amount = largestAmount(message);
        if (amount.isPresent() && amount.get().compareTo(largeProjectEur) >= 0) {
            // the theme is left to what the catalogue finds ("usine" → industrie, "hôtel" → tourisme)
            return HandoffDecision.to(null, HandoffReason.LARGE_PROJECT, amount.get().toPlainString() + " €");
        }
        return HandoffDecision.NONE;
    }

    /** After retrieval: nothing sure in the catalogue, or unhelpful answers twice in a row. */
    public HandoffDecision onRetrieval(String message, double topConfidence, int unhelpfulStreak) {
        String text = FrenchText.normalize(message);
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
            if (unit == null && !money || TURNOVER.matcher(text).region(m.end(), text.length()).lookingAt()) {
                continue; // "12 M€ de CA" is the size of the company, not of a project
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
