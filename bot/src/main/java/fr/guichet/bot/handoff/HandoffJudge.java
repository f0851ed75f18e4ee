package fr.guichet.bot.handoff;

import fr.guichet.knowledge.catalogue.Theme;
import fr.guichet.knowledge.search.Hit;
import fr.guichet.knowledge.search.SearchResult;
import fr.guichet.knowledge.text.Amounts;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether a person is needed, and which advisers' domain: what the models learnt from the
 * labelled corpus, two general rules (a project of at least the configured amount; a
 * question the catalogue does not answer), and the domain of the subject.
 */
public final class HandoffJudge {
    public static final BigDecimal DEFAULT_LARGE_PROJECT_EUR = new BigDecimal("500000");
    /**
     * At or above this probability that an adviser situation is shown, the case goes to an
     * adviser. Chosen on the validation split (docs/benchmarks.md, "Handoff").
     */
    static final double ADVISER_THRESHOLD = 0.5;
    /**
     * …and one adviser situation must stand out with at least this probability: a fragment
     * (« commerce de vêtements », « pour avoir plus de clientes ») spreads its probability over
     * several, none of which it shows. Chosen on the validation split.
     */
    static final double ONE_SITUATION = 0.4;
    /**
     * Below this confidence not one telling word of the question is in the catalogue: it has no
     * answer. Higher thresholds cost more precision than they bring recall on the validation split:
     * questions the catalogue does not answer are told by the model ({@link Situation#OUT_OF_SCOPE}).
     */
    public static final double ANSWERED = 0.05;
    /**
     * From this confidence an entry answers the question well, whatever the model reads: it is not
     * out of the catalogue. Chosen on the validation split (0.5 to 0.7 alike; 0.7 keeps the most recall).
     */
    static final double ANSWERED_WELL = 0.7;
    /** How much the words of the message weigh in the domain, against the themes of what the catalogue found. */
    static final double MODEL_WEIGHT = 0.7;
    private static final int VOTERS = 5;
    /** Below this score no domain stands out: the subject is unclear. */
    static final double CLEAR_SUBJECT = 0.3;

    private final Supplier<HandoffModels> models;
    private final BigDecimal largeProjectEur;

    public HandoffJudge(HandoffModels models, BigDecimal largeProjectEur) {
        this(() -> models, largeProjectEur);
    }

    /**
     * A judge whose models may still be training: the first question waits for them, start-up
     * does not ({@link HandoffModels#bundled}).
     */
    public HandoffJudge(Supplier<HandoffModels> models, BigDecimal largeProjectEur) {
        this.models = models;
        this.largeProjectEur = largeProjectEur;
    }

    /** The judge over the bundled models and the default large-project amount. */
    public static HandoffJudge standard() {
        return new HandoffJudge(HandoffModels::bundled, DEFAULT_LARGE_PROJECT_EUR);
    }

    /** What a message shows. */
    public SituationModel.Scores read(String message) {
        return models.get().situations().classify(message);
    }

    /** True when the message may need an adviser: the catalogue is then searched before deciding. */
    public boolean mayNeedAdviser(String message, SituationModel.Scores scores) {
        return scores.adviserNeeded() >= ADVISER_THRESHOLD || largeProject(message, BigDecimal.ZERO).isPresent();
    }

    /**
     * Whether the turn goes to an adviser, once the catalogue was searched for it: a situation the
     * model reads with enough probability (a large project only with a sum to show for it; a
     * question out of the catalogue only when no entry answers it well), else a project of at least
     * the large-project amount (this message's, or one given earlier: {@code amountSoFar}), else a
     * question no entry answers at all. The domain is left null when the situation does not fix it.
     */
    public HandoffDecision decide(String message, SituationModel.Scores scores, BigDecimal amountSoFar, SearchResult found) {
        return decide(message, scores, amountSoFar, found, true);
    }

    /**
     * Like {@link #decide(String, SituationModel.Scores, BigDecimal, SearchResult)}; when
     * {@code readSituation} is false (a turn that only adds a detail to the need: « à Lillers »,
     * « on est 12 »), the model is not asked: the need was judged when it was stated, and only
     * a sum or a question the catalogue does not answer can change that.
     */
    public HandoffDecision decide(String message, SituationModel.Scores scores, BigDecimal amountSoFar, SearchResult found,
                                  boolean readSituation) {
        Optional<BigDecimal> large = largeProject(message, amountSoFar);
        Map<Situation, Double> mass = new EnumMap<>(scores.bySituation());
        if (!readSituation) {
            mass.keySet().removeIf(Situation::needsAdviser);
        }
        if (large.isEmpty()) {
            mass.remove(Situation.LARGE_PROJECT); // « un gros projet » without a sum is an ordinary question
        }
        if (found.topConfidence() >= ANSWERED_WELL) {
            mass.remove(Situation.OUT_OF_SCOPE); // the catalogue answers it after all
        }
        double adviser = mass.entrySet().stream().filter(e -> e.getKey().needsAdviser()).mapToDouble(Map.Entry::getValue).sum();
        Optional<Map.Entry<Situation, Double>> standing = mass.entrySet().stream().filter(e -> e.getKey().needsAdviser())
                .max(Map.Entry.comparingByValue());
        if (adviser >= ADVISER_THRESHOLD && standing.isPresent() && standing.get().getValue() >= ONE_SITUATION) {
            Situation s = standing.get().getKey();
            String detail = s == Situation.LARGE_PROJECT ? large.get().toPlainString() + " €" : s.label();
            return HandoffDecision.to(s.domain().orElse(null), s.reason(), detail);
        }
        if (large.isPresent()) {
            return HandoffDecision.to(null, HandoffReason.LARGE_PROJECT, large.get().toPlainString() + " €");
        }
        if (found.topConfidence() < ANSWERED) {
            return HandoffDecision.to(null, HandoffReason.NO_ANSWER, null);
        }
        return HandoffDecision.NONE;
    }

    private Optional<BigDecimal> largeProject(String message, BigDecimal amountSoFar) {
        BigDecimal amount = Amounts.largestProject(message).orElse(BigDecimal.ZERO).max(amountSoFar);
        return amount.compareTo(largeProjectEur) >= 0 ? Optional.of(amount) : Optional.empty();
    }

    /**
     * The domain of a subject: what its words say (the domain model), with the themes of the
     * entries the catalogue found for it.
     */
    public Theme domainOf(String subject, SearchResult found) {
        return domainOf(subject, found, Theme.CREATION);
    }

    /**
     * Like {@link #domainOf(String, SearchResult)}, with the domain to take when the subject says
     * too little to tell (« rappelez-moi demain »): the first-contact domain, or the profile's.
     */
    public Theme domainOf(String subject, SearchResult found, Theme unclear) {
        Map<Theme, Double> model = models.get().domains().classify(subject);
        Map<Theme, Double> vote = new EnumMap<>(Theme.class);
        double total = 0;
        List<Hit> hits = found.hits();
        for (int rank = 0; rank < Math.min(VOTERS, hits.size()); rank++) {
            Hit h = hits.get(rank);
            if (h.confidence() < ANSWERED_WELL) {
                continue; // an entry sharing a word or two with the message says nothing of its subject
            }
            int order = 0;
            for (Theme t : h.entry().themes()) {
                if (t == Theme.FORMATION && h.entry().themes().size() > 1) {
                    continue; // a course is about its subject: "formation" only says it is a course
                }
                double w = h.confidence() / (rank + 1) / ++order;
                vote.merge(t, w, Double::sum);
                total += w;
            }
        }
        Theme best = unclear;
        double bestScore = CLEAR_SUBJECT;
        for (Theme t : Theme.values()) {
            double score = MODEL_WEIGHT * model.get(t) + (total > 0 ? (1 - MODEL_WEIGHT) * vote.getOrDefault(t, 0.0) / total : 0);
            if (score > bestScore) {
                best = t;
                bestScore = score;
            }
        }
        return best;
    }

    public BigDecimal largeProjectEur() {
        return largeProjectEur;
    }
}
