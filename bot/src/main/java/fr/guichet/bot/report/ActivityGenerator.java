package fr.guichet.bot.report;

import fr.guichet.bot.feedback.Feedback;
import fr.guichet.bot.feedback.FeedbackStore;
import fr.guichet.bot.feedback.UnansweredQuestion;
import fr.guichet.bot.handoff.CaseEvent;
import fr.guichet.bot.handoff.CaseState;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.bot.handoff.HandoffReason;
import fr.guichet.bot.handoff.HandoffStore;
import fr.guichet.bot.handoff.NewCase;
import fr.guichet.bot.handoff.TranscriptLine;
import fr.guichet.knowledge.catalogue.Adviser;
import fr.guichet.knowledge.catalogue.Catalogue;
import fr.guichet.knowledge.catalogue.Entry;
import fr.guichet.knowledge.catalogue.Theme;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;

/**
 * Fills stores with months of plausible, fully deterministic activity (a seed): questions on
 * every channel with their outcomes, entries shown (a few very often, many rarely, some
 * never), votes, unanswered questions phrased several ways per need, and cases claimed,
 * reminded, escalated, resolved or cancelled with realistic delays. For the report's tests,
 * which compare its figures with what was generated, and for the benchmark.
 *
 * <p>Everything generated is returned, so that a test computes the expected figures itself.
 * Cases are written through the case store's own methods (its clock moved by hand), so they
 * are exactly what Guichet would have stored.
 */
public final class ActivityGenerator {

    /** What to generate: {@code questions} and {@code cases} spread over {@code days} days from {@code from}. */
    public record Plan(LocalDate from, int days, int questions, int cases, long seed) {
        public ReportPeriod period() {
            return new ReportPeriod(from, from.plusDays(days - 1L));
        }
    }

    /** A generated case, as its creator planned it. Durations run from the case's creation; null: never. */
    public record GeneratedCase(String id, Instant createdAt, String firstAdviserId, String finalAdviserId, Theme domain,
                                HandoffReason reason, Duration toClaim, Duration toResolve, Duration toCancel,
                                List<Instant> reminders, List<Instant> escalations) {
    }

    /**
     * Everything generated. {@code ratings} is aligned with {@code questions} (null: no vote);
     * {@code needs} with {@code unanswered}: the need each question expresses, or a unique key
     * for a one-off question.
     */
    public record Generated(List<AnsweredQuestion> questions, List<Boolean> ratings, List<GeneratedCase> cases,
                            List<UnansweredQuestion> unanswered, List<String> needs) {
    }

    /** A need the catalogue lacks, in the words of several entrepreneurs (places and typos included). */
    static final List<List<String>> NEEDS = List.of(
            List.of("Aide pour ouvrir un salon de tatouage à Béthune ?", "subvention salon de tatouage",
                    "je veux ouvrir un salon de tatouage, il y a des aides ?", "financement ouverture salon tatouage Bruay",
                    "salon de tatouage : quelles aides ?", "ouvrir mon salon de tatoauge"),
            List.of("aide pour lancer un food truck", "subvention food truck à Lillers", "comment financer mon food truck",
                    "food truck quelles aides ?", "je cherche un financement pour un food-truck"),
            List.of("formation pilote de drone", "devenir pilote de drone, quelle formation ?",
                    "formation drone professionnel", "licence de pilote de drone formation"),
            List.of("accepter les paiements en cryptomonnaie dans mon magasin", "cryptomonnaie paiement commerce",
                    "paiement en cryptomonnaie pour ma boutique"),
            List.of("aide achat vélo cargo pour mes livraisons", "subvention vélo cargo", "vélo cargo livraison aide"),
            List.of("créer une pension canine", "pension canine subvention", "aide ouverture pension canine à Auchel"));

    /** Needs asked once each: they must stay alone. */
    static final List<String> ONE_OFFS = List.of("élevage d'escargots en plein air", "brasserie artisanale de kombucha",
            "atelier de réparation de montres anciennes", "location de costumes de mascotte pour les fêtes",
            "apiculture urbaine sur les toits", "karaoké mobile pour mariages", "taxidermie", "escape game itinérant",
            "fabrication de savons au lait d'ânesse", "cordonnerie ambulante");

    private static final HandoffReason[] REASONS = HandoffReason.values();
    private static final int[] REASON_WEIGHTS = {40, 8, 10, 12, 15, 6, 9};
    private static final ZoneId ZONE = ReportPeriod.ZONE;

    private final Random random;
    private final Plan plan;
    private final List<Entry> schemes;
    private final List<Entry> trainings;
    private final List<Entry> all;
    private final List<Adviser> advisers;
    private final double[] dayWeights;

    private ActivityGenerator(Catalogue catalogue, Plan plan) {
        this.random = new Random(plan.seed());
        this.plan = plan;
        // a fixed order, so that the few entries shown most are the same from one run to the next
        this.schemes = sorted(catalogue.schemes());
        this.trainings = sorted(catalogue.trainings());
        this.all = sorted(catalogue.entries());
        this.advisers = catalogue.advisers();
        this.dayWeights = new double[plan.days()];
        for (int d = 0; d < plan.days(); d++) {
            DayOfWeek dow = plan.from().plusDays(d).getDayOfWeek();
            double weekday = dow == DayOfWeek.SUNDAY ? 0.2 : dow == DayOfWeek.SATURDAY ? 0.4 : 1.0;
            dayWeights[d] = weekday * (1 + 0.6 * d / plan.days()); // activity grows over the months
        }
    }

    private static List<Entry> sorted(List<Entry> entries) {
        return entries.stream().sorted(Comparator.comparing(Entry::id)).toList();
    }

    /**
     * Generates the plan's activity into the given stores. {@code caseClock} must be the
     * clock of {@code cases}: the generator sets it to each moment a case changes.
     */
    public static Generated fill(Catalogue catalogue, Plan plan, QuestionLog log, FeedbackStore feedback,
                                 HandoffStore cases, SettableClock caseClock) {
        return new ActivityGenerator(catalogue, plan).run(log, feedback, cases, caseClock);
    }

    private Generated run(QuestionLog log, FeedbackStore feedback, HandoffStore caseStore, SettableClock clock) {
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < plan.questions(); i++) {
            times.add(moment());
        }
        times.sort(null);
        List<AnsweredQuestion> questions = new ArrayList<>();
        List<Boolean> ratings = new ArrayList<>();
        List<UnansweredQuestion> unanswered = new ArrayList<>();
        List<String> needs = new ArrayList<>();
        int oneOffs = 0;
        for (int i = 0; i < times.size(); i++) {
            AnsweredQuestion q = question(times.get(i), i);
            long id = log.record(q);
            questions.add(q);
            Boolean rating = rating(q.outcome());
            ratings.add(rating);
            if (rating != null) {
                log.rate(id, rating);
                feedback.recordFeedback(new Feedback(q.at().plusSeconds(30), "gen-user-" + i, "gen-conv-" + i,
                        "(question générée)", q.entryIds(), rating));
            }
            if (q.outcome() == Outcome.NOTHING_FOUND) {
                String text;
                String need;
                if (oneOffs < ONE_OFFS.size() && random.nextInt(6) == 0) {
                    text = "je voudrais me lancer : " + ONE_OFFS.get(oneOffs);
                    need = "unique-" + oneOffs++;
                } else {
                    int n = pick(new int[] {30, 25, 15, 12, 10, 8});
                    List<String> phrasings = NEEDS.get(n);
                    text = phrasings.get(random.nextInt(phrasings.size()));
                    need = "besoin-" + n;
                }
                UnansweredQuestion u = new UnansweredQuestion(q.at(), "gen-user-" + i, text);
                feedback.recordUnanswered(u);
                unanswered.add(u);
                needs.add(need);
            }
        }
        List<Instant> caseTimes = new ArrayList<>();
        for (int i = 0; i < plan.cases(); i++) {
            caseTimes.add(moment());
        }
        caseTimes.sort(null);
        List<GeneratedCase> cases = new ArrayList<>();
        for (Instant at : caseTimes) {
            cases.add(handoffCase(at, caseStore, clock));
        }
        return new Generated(questions, ratings, cases, unanswered, needs);
    }

    /** A moment of a day of the plan, between 8:00 and 20:00 in Paris. */
    private Instant moment() {
        double total = 0;
        for (double w : dayWeights) {
            total += w;
        }
        double r = random.nextDouble() * total;
        int d = 0;
        while (d < dayWeights.length - 1 && r >= dayWeights[d]) {
            r -= dayWeights[d++];
        }
        long second = 8 * 3600 + random.nextInt(12 * 3600);
        return plan.from().plusDays(d).atStartOfDay(ZONE).plusSeconds(second).toInstant();
    }

    private int pick(int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            if (r < weights[i]) {
                return i;
            }
            r -= weights[i];
        }
        return weights.length - 1;
    }

    private AnsweredQuestion question(Instant at, int i) {
        Channel channel = Channel.values()[pick(new int[] {15, 40, 25, 20})];
        AskedKind kind = AskedKind.values()[pick(new int[] {50, 25, 25})];
        // the share of full answers improves over the months, as the catalogue does
        double progress = (at.getEpochSecond() - plan.period().start().getEpochSecond())
                / (double) (plan.period().end().getEpochSecond() - plan.period().start().getEpochSecond());
        Outcome outcome = Outcome.values()[pick(new int[] {(int) (50 + 20 * progress), 15, (int) (18 - 8 * progress), 13})];
        List<Entry> pool = kind == AskedKind.TRAINING ? trainings : kind == AskedKind.SCHEME ? schemes : all;
        List<Entry> shown = new ArrayList<>();
        HandoffReason reason = null;
        int count = switch (outcome) {
            case ANSWERED -> 1 + random.nextInt(3);
            case PARTIAL -> 1 + random.nextInt(2);
            case NOTHING_FOUND -> 0;
            case HANDED_OFF -> random.nextInt(3);
        };
        if (outcome == Outcome.HANDED_OFF) {
            reason = REASONS[pick(REASON_WEIGHTS)];
        }
        while (shown.size() < count) {
            // a steep curve: the first entries of the pool are shown far more than the last
            Entry e = pool.get((int) (pool.size() * Math.pow(random.nextDouble(), 3)));
            if (!shown.contains(e)) {
                shown.add(e);
            }
        }
        LinkedHashSet<Theme> themes = new LinkedHashSet<>();
        shown.forEach(e -> themes.addAll(e.themes()));
        if (themes.isEmpty() && outcome == Outcome.HANDED_OFF) {
            themes.add(advisers.get(i % advisers.size()).domains().get(0));
        }
        boolean llm = outcome != Outcome.NOTHING_FOUND && random.nextInt(5) == 0;
        Duration latency = Duration.ofMillis(llm ? 1500 + random.nextInt(4500) : 20 + random.nextInt(380));
        return new AnsweredQuestion(at, channel, kind, List.copyOf(themes), shown.stream().map(Entry::id).toList(),
                outcome, reason, latency, llm);
    }

    private Boolean rating(Outcome outcome) {
        int votes = switch (outcome) {
            case ANSWERED -> 30;
            case PARTIAL -> 25;
            case NOTHING_FOUND -> 5;
            case HANDED_OFF -> 10;
        };
        if (random.nextInt(100) >= votes) {
            return null;
        }
        int helpful = switch (outcome) {
            case ANSWERED -> 82;
            case PARTIAL -> 50;
            case NOTHING_FOUND -> 10;
            case HANDED_OFF -> 60;
        };
        return random.nextInt(100) < helpful;
    }

    private GeneratedCase handoffCase(Instant created, HandoffStore store, SettableClock clock) {
        Adviser adviser = advisers.get(random.nextInt(advisers.size()));
        Theme domain = adviser.domains().get(random.nextInt(adviser.domains().size()));
        HandoffReason reason = REASONS[pick(REASON_WEIGHTS)];
        String backup = adviser.backup() != null ? adviser.backup() : adviser.id();
        clock.set(created);
        HandoffCase c = store.create(new NewCase("gen-entrepreneur", null, domain, adviser.id(), backup, reason.label(),
                List.of(new TranscriptLine(created, TranscriptLine.ENTREPRENEUR, "(conversation générée)")), List.of()));
        // minutes to days: most cases are claimed within hours, a few wait much longer
        Duration toClaim = random.nextInt(100) < 85
                ? Duration.ofMinutes(Math.min(5 * 24 * 60, Math.round(Math.exp(Math.log(150) + 1.1 * random.nextGaussian()))))
                : null;
        Duration toCancel = toClaim == null && random.nextInt(3) == 0 ? Duration.ofHours(2 + random.nextInt(40)) : null;
        Duration toResolve = null;
        if (toClaim != null) {
            int fate = random.nextInt(100);
            if (fate < 78) {
                toResolve = toClaim.plusMinutes(Math.min(20 * 24 * 60,
                        Math.round(Math.exp(Math.log(24 * 60) + 1.0 * random.nextGaussian()))));
            } else if (fate < 83) {
                toCancel = toClaim.plusHours(1 + random.nextInt(48));
            }
        }
        // unclaimed after 4 hours: a reminder; after 8, the backup takes it (escalation)
        Duration waited = toClaim != null ? toClaim : toCancel != null ? toCancel : Duration.ofDays(30);
        List<Instant> reminders = new ArrayList<>();
        List<Instant> escalations = new ArrayList<>();
        String holder = adviser.id();
        if (waited.compareTo(Duration.ofHours(4)) > 0) {
            Instant at = created.plus(Duration.ofHours(4));
            store.record(c.id(), new CaseEvent(at, CaseEvent.REMINDED, "guichet", adviser.id()));
            reminders.add(at);
        }
        if (waited.compareTo(Duration.ofHours(8)) > 0 && !backup.equals(adviser.id())) {
            Instant at = created.plus(Duration.ofHours(8));
            clock.set(at);
            Adviser next = advisers.stream().filter(a -> a.id().equals(backup)).findFirst().orElse(adviser);
            store.reassign(c.id(), backup, next.backup() != null ? next.backup() : backup, "guichet");
            store.record(c.id(), new CaseEvent(at, CaseEvent.ESCALATED, "guichet", backup));
            escalations.add(at);
            holder = backup;
        }
        if (toClaim != null) {
            clock.set(created.plus(toClaim));
            store.transition(c.id(), CaseState.CLAIMED, holder);
        }
        if (toResolve != null) {
            clock.set(created.plus(toResolve));
            store.transition(c.id(), CaseState.RESOLVED, holder);
        } else if (toCancel != null) {
            clock.set(created.plus(toCancel));
            store.transition(c.id(), CaseState.CANCELLED, holder);
        }
        return new GeneratedCase(c.id(), created, adviser.id(), holder, domain, reason, toClaim, toResolve, toCancel,
                reminders, escalations);
    }

    /** A clock the generator moves to each moment a case changes; give it to the case store it fills. */
    public static final class SettableClock extends Clock {
        private volatile Instant now;

        public SettableClock(Instant start) {
            this.now = start;
        }

        public void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("a generator's clock has one zone");
        }
    }
}
