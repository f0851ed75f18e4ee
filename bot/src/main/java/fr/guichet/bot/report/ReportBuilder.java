package fr.guichet.bot.report;

import fr.guichet.bot.feedback.Feedback;
import fr.guichet.bot.feedback.FeedbackStore;
import fr.guichet.bot.feedback.UnansweredQuestion;
import fr.guichet.bot.handoff.CaseEvent;
import fr.guichet.bot.handoff.CaseState;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.bot.handoff.HandoffReason;
import fr.guichet.bot.handoff.HandoffStore;
import fr.guichet.bot.report.Figure.Share;
import fr.guichet.knowledge.catalogue.Adviser;
import fr.guichet.knowledge.catalogue.Catalogue;
import fr.guichet.knowledge.catalogue.Entry;
import fr.guichet.knowledge.catalogue.Theme;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the CCI report from the stores: the question log, the cases and their events,
 * the votes and the unanswered questions, and the catalogue (titles, entries never shown,
 * catalogue health). Every date is a day in Paris; weeks run Monday to Sunday.
 */
public final class ReportBuilder {

    /** Where the report reads. Any implementation: SQLite for the command, in memory for tests. */
    public record Input(QuestionLog questions, HandoffStore cases, FeedbackStore feedback, Catalogue catalogue) {
        public Input {
            Objects.requireNonNull(questions, "questions");
            Objects.requireNonNull(cases, "cases");
            Objects.requireNonNull(feedback, "feedback");
            Objects.requireNonNull(catalogue, "catalogue");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReportBuilder.class);
    static final int ENDING_WITHIN_DAYS = 60;
    static final int REVIEW_MONTHS = 6;
    private static final String NO_ENTRY = "aucune fiche montrée";

    private final Input input;
    private final ReportPeriod period;
    private final LocalDate today;
    private final Map<String, Entry> entries = new HashMap<>();
    private final Map<String, Adviser> advisers;

    private ReportBuilder(Input input, ReportPeriod period, LocalDate today) {
        this.input = input;
        this.period = period;
        this.today = today;
        input.catalogue().entries().forEach(e -> entries.put(e.id(), e));
        this.advisers = input.catalogue().advisersById();
    }

    /** The report of a period, as of the clock's today (for catalogue health). */
    public static Report build(Input input, ReportPeriod period, Clock clock) {
        return new ReportBuilder(input, period, ReportPeriod.today(clock)).build(clock.instant());
    }

    private Report build(Instant now) {
        long start = System.nanoTime();
        QuestionStats questions = input.questions().stats(period.start(), period.end());
        int asked = questions.questions();
        long read = System.nanoTime();
        List<HandoffCase> allCases = input.cases().list(EnumSet.allOf(CaseState.class));
        List<HandoffCase> cases = allCases.stream().filter(c -> period.contains(c.createdAt())).toList();
        // the votes table is read only when the question log holds none (see ratings())
        boolean logHasVotes = questions.byThemes().values().stream().anyMatch(n -> n[1] + n[2] > 0);
        List<Feedback> votes = logHasVotes ? List.of() : input.feedback().feedbackSince(period.start()).stream()
                .filter(f -> f.at().isBefore(period.end())).toList();
        List<UnansweredQuestion> unanswered = input.feedback().unansweredSince(period.start()).stream()
                .filter(q -> q.at().isBefore(period.end())).toList();
        LOG.debug("report: {} questions counted in {} ms, {} cases, {} votes and {} unanswered questions read in {} ms",
                asked, (read - start) / 1_000_000, allCases.size(), votes.size(), unanswered.size(),
                (System.nanoTime() - read) / 1_000_000);

        Ratings ratings = ratings(questions, logHasVotes, votes);
        KeyFigures keys = new KeyFigures(asked, questions.outcome(Outcome.ANSWERED), questions.outcome(Outcome.PARTIAL),
                questions.outcome(Outcome.NOTHING_FOUND), questions.outcome(Outcome.HANDED_OFF), cases.size(),
                median(cases.stream().map(ReportBuilder::timeToClaim).flatMap(Optional::stream).toList()),
                ratings.helpful(), ratings.unhelpful());
        boolean empty = asked == 0 && cases.isEmpty() && votes.isEmpty() && unanswered.isEmpty();

        List<Section> sections = new ArrayList<>();
        Map<String, Integer> shown = shownCounts(questions);
        Figure weekly = weekly(questions, period);
        if (!empty) {
            sections.add(new Section("questions", "Les questions posées",
                    "Chaque question reçue par Guichet, sur tous les canaux, compte une fois. Rien de ce qui est compté ici"
                            + " ne dit qui a posé la question ni ce qu'elle disait.",
                    List.of(weekly, byTheme(questions, asked), byKind(questions, asked), byChannel(questions, asked),
                            replies(questions, asked))));
            sections.add(new Section("fiches", "Les fiches montrées", null,
                    List.of(mostShown(shown), neverShown(asked, shown))));
            sections.add(new Section("besoins", "Ce que le catalogue n'a pas", null, List.of(needs(unanswered))));
            sections.add(new Section("dossiers", "Les mises en relation avec un conseiller",
                    "Les dossiers ouverts pendant la période ; les délais courent de l'ouverture du dossier à sa prise en"
                            + " charge, puis à sa clôture (heures calendaires, nuits et week-ends compris).",
                    List.of(casesByReason(cases), casesByDomain(cases), casesByAdviser(cases), delays(cases),
                            reminders(allCases))));
            sections.add(new Section("avis", "L'avis des entrepreneurs", null, List.of(ratingsByTheme(ratings))));
        }
        sections.add(new Section("sante", "La santé du catalogue",
                "État du catalogue au " + Fr.date(today) + ", quelle que soit la période.",
                List.of(ending(), notReviewed())));
        LOG.debug("report: figures computed in {} ms in all", (System.nanoTime() - start) / 1_000_000);
        Optional<ChartSpec> main = asked == 0 ? Optional.empty() : Optional.ofNullable(weekly.chart());
        String name = input.catalogue().info().name();
        return new Report(period, now.atZone(ReportPeriod.ZONE), name, input.catalogue().info().sample(), keys, empty,
                sections, main);
    }

    // ---------------------------------------------------------------- questions

    /** The Monday of the week holding that day. */
    static LocalDate week(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ReportPeriod.ZONE);
    }

    /** Questions per week by outcome: the report's first figure and its main chart. */
    static Figure weekly(QuestionStats questions, ReportPeriod period) {
        Map<LocalDate, int[]> weeks = new TreeMap<>();
        for (LocalDate w = week(period.from()); !w.isAfter(period.to()); w = w.plusWeeks(1)) {
            weeks.put(w, new int[Outcome.values().length]);
        }
        questions.byHour().forEach((hour, counts) -> {
            int[] week = weeks.get(week(day(hour)));
            for (int o = 0; o < counts.length; o++) {
                week[o] += counts[o];
            }
        });
        int asked = questions.questions();
        List<String> columns = new ArrayList<>(List.of("Semaine du"));
        for (Outcome o : Outcome.values()) {
            columns.add(capitalized(o.label()));
        }
        columns.add("Total");
        List<List<Object>> rows = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        List<List<Double>> values = new ArrayList<>();
        for (Outcome o : Outcome.values()) {
            values.add(new ArrayList<>());
        }
        boolean sameYear = week(period.from()).getYear() == period.to().getYear();
        weeks.forEach((monday, counts) -> {
            List<Object> row = new ArrayList<>();
            row.add(monday);
            int total = 0;
            for (Outcome o : Outcome.values()) {
                row.add(counts[o.ordinal()]);
                values.get(o.ordinal()).add((double) counts[o.ordinal()]);
                total += counts[o.ordinal()];
            }
            row.add(total);
            rows.add(row);
            // category keys must be unique: the year joins the label when the period spans two;
            // a week cut by the period says how many of its days count, lest its short bar alarm
            LocalDate first = monday.isBefore(period.from()) ? period.from() : monday;
            LocalDate last = monday.plusDays(6).isAfter(period.to()) ? period.to() : monday.plusDays(6);
            long days = ChronoUnit.DAYS.between(first, last) + 1;
            categories.add((sameYear ? Fr.DAY_MONTH.format(monday) : Fr.DAY_MONTH_YEAR.format(monday))
                    + (days < 7 ? " (" + days + Fr.NBSP + "j)" : ""));
        });
        boolean partial = week(period.from()).isBefore(period.from()) || week(period.to()).plusDays(6).isAfter(period.to());
        String sentence = asked == 0 ? "Aucune question enregistrée sur la période."
                : Fr.count(asked, "Une question", "questions") + " sur la période, semaine par semaine (du lundi au"
                        + " dimanche), selon ce que Guichet a pu répondre."
                        + (partial ? " La première ou la dernière semaine n'est comptée qu'en partie : la période va "
                        + period.label() + "." : "");
        ChartSpec chart = asked == 0 ? null : new ChartSpec("Questions par semaine, selon la réponse",
                "Semaine (du lundi)", "Nombre de questions",
                java.util.Arrays.stream(Outcome.values()).map(o -> capitalized(o.label())).toList(), categories, values,
                true, false);
        return new Figure("questions-par-semaine", "Questions par semaine", sentence, columns,
                asked == 0 ? List.of() : rows, chart, Figure.ALL);
    }

    private Figure byTheme(QuestionStats questions, int asked) {
        int[] byTheme = new int[Theme.values().length];
        int none = 0;
        for (Map.Entry<List<Theme>, int[]> e : questions.byThemes().entrySet()) {
            int n = e.getValue()[0];
            if (e.getKey().isEmpty()) {
                none += n;
            }
            for (Theme t : e.getKey()) {
                byTheme[t.ordinal()] += n;
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Theme t : Theme.values()) {
            if (byTheme[t.ordinal()] > 0) {
                counts.put(capitalized(t.label()), byTheme[t.ordinal()]);
            }
        }
        if (none > 0) {
            counts.put(capitalized(NO_ENTRY), none);
        }
        List<Map.Entry<String, Integer>> sorted = sortedByCount(counts);
        return countFigure("questions-par-theme", "Questions par thème", "Thème", "Questions", asked, sorted,
                asked == 0 ? "Aucune question enregistrée sur la période."
                        : "Les thèmes des fiches montrées en réponse : une question qui montre des fiches de deux thèmes compte"
                        + " dans chacun, celle qui n'en montre aucune dans « " + NO_ENTRY + " ». La part est celle des "
                        + Fr.integer(asked) + " questions.",
                "Questions par thème des fiches montrées", "Nombre de questions", true);
    }

    private Figure byKind(QuestionStats questions, int asked) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (AskedKind k : AskedKind.values()) {
            counts.put(capitalized(k.label()), questions.kind(k));
        }
        return countFigure("questions-par-type", "Questions par type demandé", "Type demandé", "Questions",
                asked, asked == 0 ? List.of() : new ArrayList<>(counts.entrySet()),
                asked == 0 ? "Aucune question enregistrée sur la période."
                        : "Ce que la question demandait : une aide (« subvention », « prêt »…), une formation, ou sans"
                        + " préférence quand elle ne nomme ni l'une ni l'autre.",
                "Questions par type demandé", "Nombre de questions", false);
    }

    private Figure byChannel(QuestionStats questions, int asked) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Channel c : Channel.values()) {
            counts.put(capitalized(c.label()), questions.channel(c));
        }
        return countFigure("questions-par-canal", "Questions par canal", "Canal", "Questions", asked,
                asked == 0 ? List.of() : new ArrayList<>(counts.entrySet()),
                asked == 0 ? "Aucune question enregistrée sur la période."
                        : "Par où les questions sont arrivées : Discord (commande, mention, message privé) ou la console.",
                null, null, false);
    }

    private Figure replies(QuestionStats questions, int asked) {
        long llm = questions.llmComposed();
        List<List<Object>> rows = asked == 0 ? List.of() : List.of(
                List.of("Temps de réponse médian", seconds(questions.latency(50).orElseThrow())),
                List.of("Temps de réponse, 90e centile", seconds(questions.latency(90).orElseThrow())),
                List.of("Réponses rédigées par le modèle de langue", Fr.integer(llm) + " (" + Fr.percent(llm / (double) asked) + ")"));
        return new Figure("temps-de-reponse", "Temps de réponse et rédaction",
                asked == 0 ? "Aucune question enregistrée sur la période."
                        : "Du message reçu à la réponse prête ; 9 réponses sur 10 sont plus rapides que le 90e centile.",
                List.of("Indicateur", "Valeur"), rows, null, Figure.ALL);
    }

    private static String seconds(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + Fr.NBSP + "ms" : Fr.decimal(d.toMillis() / 1000.0, 1) + Fr.NBSP + "s";
    }

    // ---------------------------------------------------------------- entries

    private Figure mostShown(Map<String, Integer> shown) {
        List<Map.Entry<String, Integer>> sorted = sortedByCount(shown);
        List<List<Object>> rows = new ArrayList<>();
        for (Map.Entry<String, Integer> e : sorted) {
            Entry entry = entries.get(e.getKey());
            rows.add(List.of(e.getKey(), entry == null ? "(retirée du catalogue)" : entry.title(),
                    entry == null ? "" : entry.kind().label(), e.getValue()));
        }
        List<Map.Entry<String, Integer>> top = sorted.subList(0, Math.min(10, sorted.size()));
        ChartSpec chart = top.isEmpty() ? null : ChartSpec.bars("Les 10 fiches les plus montrées", "Fiche",
                "Nombre de fois montrée", "Fois montrée",
                top.stream().map(e -> shortTitle(e.getKey())).toList(),
                top.stream().map(e -> (double) e.getValue()).toList(), true);
        return new Figure("fiches-les-plus-montrees", "Les fiches les plus montrées",
                sorted.isEmpty() ? "Aucune fiche montrée sur la période."
                        : Fr.count(sorted.size(), "Une fiche a été montrée", "fiches différentes ont été montrées")
                        + " ; une fiche compte une fois par réponse qui la montre."
                        + (sorted.size() > 20 ? " Le tableau donne les 20 premières, le fichier CSV toutes." : ""),
                List.of("Fiche", "Titre", "Type", "Fois montrée"), rows, chart, 20);
    }

    private Figure neverShown(int asked, Map<String, Integer> shown) {
        List<List<Object>> rows = new ArrayList<>();
        input.catalogue().entries().stream()
                .filter(e -> (e.validFrom() == null || !e.validFrom().isAfter(period.to()))
                        && (e.validUntil() == null || !e.validUntil().isBefore(period.from())))
                .filter(e -> !shown.containsKey(e.id()))
                .sorted(Comparator.comparing((Entry e) -> e.domain().label()).thenComparing(Entry::id))
                .forEach(e -> rows.add(List.of(e.id(), e.title(), e.kind().label(), capitalized(e.domain().label()))));
        String sentence = asked == 0 ? "Aucune question enregistrée sur la période : rien à comparer."
                : rows.isEmpty() ? "Toutes les fiches valables pendant la période ont été montrées au moins une fois."
                : (rows.size() == 1 ? "Une fiche valable pendant la période n'a été montrée à personne"
                : Fr.integer(rows.size()) + " fiches valables pendant la période n'ont été montrées à personne")
                + " : à revoir (mots, thèmes) ou à retirer." + (rows.size() > 40
                ? " Le tableau en donne 40, classées par thème ; le fichier CSV toutes." : "");
        return new Figure("fiches-jamais-montrees", "Les fiches jamais montrées", sentence,
                List.of("Fiche", "Titre", "Type", "Thème"), asked == 0 ? List.of() : rows, null, 40);
    }

    /** How many answers showed each entry (an entry listed twice in one answer counts once). */
    private static Map<String, Integer> shownCounts(QuestionStats questions) {
        Map<String, Integer> shown = new HashMap<>();
        questions.byEntries().forEach((ids, n) -> {
            for (int i = 0; i < ids.size(); i++) {
                if (ids.indexOf(ids.get(i)) == i) {
                    shown.merge(ids.get(i), n, Integer::sum);
                }
            }
        });
        return shown;
    }

    private String shortTitle(String id) {
        Entry e = entries.get(id);
        String title = e == null ? id : e.title();
        return title.length() > 42 ? title.substring(0, 41).strip() + "…" : title;
    }

    // ---------------------------------------------------------------- needs

    private Figure needs(List<UnansweredQuestion> unanswered) {
        long start = System.nanoTime();
        List<NeedGroups.Group> groups = NeedGroups.group(unanswered, input.catalogue());
        LOG.debug("report: {} unanswered questions grouped into {} needs in {} ms", unanswered.size(), groups.size(),
                (System.nanoTime() - start) / 1_000_000);
        List<List<Object>> rows = new ArrayList<>();
        int n = 0;
        for (NeedGroups.Group g : groups) {
            rows.add(List.of(++n, g.count(), String.join(", ", g.words()), g.examples()));
        }
        long repeated = groups.stream().filter(g -> g.count() > 1).count();
        String sentence = unanswered.isEmpty() ? "Aucune question sans réponse sur la période."
                : (unanswered.size() == 1 ? "Une question n'a trouvé aucune fiche sûre."
                : Fr.integer(unanswered.size()) + " questions n'ont trouvé aucune fiche sûre ; regroupées par mots communs"
                + " (lieux et mots de demande mis à part), elles expriment " + Fr.count(groups.size(), "un seul besoin", "besoins")
                + (repeated > 0 ? ", dont " + Fr.integer(repeated) + " revenu" + (repeated > 1 ? "s" : "") + " plusieurs fois" : "")
                + ".") + " C'est la liste de ce qui manque au catalogue, du plus demandé au moins demandé"
                + (groups.size() > 30 ? " (30 premiers ici, tous dans le fichier CSV)" : "")
                + ". Les exemples sont les mots des entrepreneurs, numéros et courriels masqués.";
        return new Figure("besoins-sans-reponse", "Les besoins sans réponse", sentence,
                List.of("Besoin", "Questions", "Mots fréquents", "Exemples"), rows, null, 30);
    }

    // ---------------------------------------------------------------- cases

    /** The reason of a case, from the label Guichet stored (« label (detail) »). */
    static String reasonLabel(String stored) {
        if (stored == null || stored.isBlank()) {
            return "non précisé";
        }
        for (HandoffReason r : HandoffReason.values()) {
            if (stored.startsWith(r.label())) {
                return capitalized(r.label());
            }
        }
        return "Autre motif";
    }

    private String adviserName(String id) {
        if (id == null) {
            return "non attribué";
        }
        Adviser a = advisers.get(id);
        return a == null ? id + " (inconnu du catalogue)" : a.name();
    }

    private Figure casesByReason(List<HandoffCase> cases) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        cases.forEach(c -> counts.merge(reasonLabel(c.reason()), 1, Integer::sum));
        return countFigure("dossiers-par-motif", "Dossiers par motif", "Motif", "Dossiers", cases.size(),
                sortedByCount(counts), cases.isEmpty() ? "Aucun dossier ouvert sur la période."
                        : Fr.count(cases.size(), "Un dossier a été ouvert", "dossiers ont été ouverts")
                        + " pour un conseiller ; voici pourquoi Guichet (ou l'entrepreneur) a demandé un humain.",
                "Dossiers par motif", "Nombre de dossiers", true);
    }

    private Figure casesByDomain(List<HandoffCase> cases) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        cases.forEach(c -> counts.merge(c.theme() == null ? "Non précisé" : capitalized(c.theme().label()), 1, Integer::sum));
        return countFigure("dossiers-par-domaine", "Dossiers par domaine", "Domaine", "Dossiers", cases.size(),
                sortedByCount(counts), cases.isEmpty() ? "Aucun dossier ouvert sur la période."
                        : "Le domaine de conseillers auquel chaque dossier a été confié.",
                "Dossiers par domaine", "Nombre de dossiers", true);
    }

    private Figure casesByAdviser(List<HandoffCase> cases) {
        Map<String, int[]> byAdviser = new TreeMap<>();
        for (HandoffCase c : cases) {
            int[] n = byAdviser.computeIfAbsent(adviserName(c.adviserId()), k -> new int[5]);
            n[0]++;
            n[1 + c.state().ordinal()]++;
        }
        List<List<Object>> rows = new ArrayList<>();
        byAdviser.forEach((name, n) -> rows.add(List.of(name, n[0], n[1], n[2], n[3], n[4])));
        return new Figure("dossiers-par-conseiller", "Dossiers par conseiller",
                cases.isEmpty() ? "Aucun dossier ouvert sur la période."
                        : "Les dossiers de la période selon le conseiller qui les a aujourd'hui, et leur état actuel.",
                List.of("Conseiller", "Dossiers", "En attente", "Pris en charge", "Clos", "Annulés"), rows, null, Figure.ALL);
    }

    static Optional<Duration> timeToClaim(HandoffCase c) {
        return firstEvent(c, CaseEvent.CLAIMED).map(at -> Duration.between(c.createdAt(), at));
    }

    static Optional<Duration> timeToResolve(HandoffCase c) {
        return firstEvent(c, CaseEvent.RESOLVED).map(at -> Duration.between(c.createdAt(), at));
    }

    private static Optional<Instant> firstEvent(HandoffCase c, String action) {
        return c.events().stream().filter(e -> e.action().equals(action)).map(CaseEvent::at).findFirst();
    }

    private Figure delays(List<HandoffCase> cases) {
        Map<String, List<HandoffCase>> byAdviser = new TreeMap<>();
        cases.forEach(c -> byAdviser.computeIfAbsent(adviserName(c.adviserId()), k -> new ArrayList<>()).add(c));
        List<List<Object>> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Double> medians = new ArrayList<>();
        List<Double> p90s = new ArrayList<>();
        Function<List<HandoffCase>, List<Object>> row = list -> {
            List<Duration> claim = list.stream().map(ReportBuilder::timeToClaim).flatMap(Optional::stream).toList();
            List<Duration> resolve = list.stream().map(ReportBuilder::timeToResolve).flatMap(Optional::stream).toList();
            List<Object> r = new ArrayList<>();
            r.add(claim.size());
            r.add(percentile(claim, 50).orElse(null));
            r.add(percentile(claim, 90).orElse(null));
            r.add(resolve.size());
            r.add(percentile(resolve, 50).orElse(null));
            r.add(percentile(resolve, 90).orElse(null));
            return r;
        };
        byAdviser.forEach((name, list) -> {
            List<Object> r = new ArrayList<>(List.of(name));
            r.addAll(row.apply(list));
            rows.add(r);
            if (r.get(2) instanceof Duration median) {
                names.add(name);
                medians.add(hours(median));
                p90s.add(hours((Duration) r.get(3)));
            }
        });
        if (byAdviser.size() > 1) {
            List<Object> all = new ArrayList<>(List.of("Tous les conseillers"));
            all.addAll(row.apply(cases));
            rows.add(all);
        }
        ChartSpec chart = names.isEmpty() ? null : new ChartSpec("Délai de prise en charge par conseiller", "Conseiller",
                "Heures entre l'ouverture et la prise en charge", List.of("Médiane", "90e centile"), names,
                List.of(medians, p90s), false, true);
        return new Figure("delais-par-conseiller", "Délais de prise en charge et de clôture",
                cases.isEmpty() ? "Aucun dossier ouvert sur la période."
                        : "Pour les dossiers de la période pris en charge (puis clos) : la moitié l'a été en moins de la"
                        + " médiane, 9 sur 10 en moins du 90e centile. Les dossiers jamais pris en charge n'y sont pas.",
                List.of("Conseiller", "Pris en charge", "Délai médian", "Délai 90e centile", "Clos",
                        "Clôture médiane", "Clôture 90e centile"), rows, chart, Figure.ALL);
    }

    private static double hours(Duration d) {
        return Math.round(d.toSeconds() / 36.0) / 100.0;
    }

    private Figure reminders(List<HandoffCase> allCases) {
        Map<String, int[]> byAdviser = new TreeMap<>();
        int reminded = 0;
        int escalated = 0;
        for (HandoffCase c : allCases) {
            String lastReminded = c.adviserId();
            for (CaseEvent e : c.events()) {
                if (e.action().equals(CaseEvent.REMINDED)) {
                    lastReminded = e.detail() != null && advisers.containsKey(e.detail()) ? e.detail() : c.adviserId();
                    if (period.contains(e.at())) {
                        byAdviser.computeIfAbsent(adviserName(lastReminded), k -> new int[2])[0]++;
                        reminded++;
                    }
                } else if (e.action().equals(CaseEvent.ESCALATED) && period.contains(e.at())) {
                    byAdviser.computeIfAbsent(adviserName(lastReminded), k -> new int[2])[1]++;
                    escalated++;
                }
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        byAdviser.forEach((name, n) -> rows.add(List.of(name, n[0], n[1])));
        return new Figure("relances-et-escalades", "Relances et escalades",
                rows.isEmpty() ? "Aucune relance ni escalade sur la période."
                        : Fr.count(reminded, "Une relance", "relances") + " et " + Fr.count(escalated, "une escalade", "escalades")
                        + " envoyées pendant la période (quelle que soit la date du dossier) : une relance rappelle au"
                        + " conseiller un dossier qu'il n'a pas pris ; sans suite, l'escalade le confie à son suppléant.",
                List.of("Conseiller relancé", "Relances", "Escalades"), rows, null, Figure.ALL);
    }

    // ---------------------------------------------------------------- votes

    /** 👍/👎 per theme, from the question log when it holds votes, else from the feedback table. */
    record Ratings(Map<String, int[]> byTheme, int helpful, int unhelpful, boolean fromLog) {
    }

    private Ratings ratings(QuestionStats questions, boolean fromLog, List<Feedback> votes) {
        Map<String, int[]> byTheme = new TreeMap<>();
        int helpful = 0;
        int unhelpful = 0;
        if (fromLog) {
            for (Map.Entry<List<Theme>, int[]> e : questions.byThemes().entrySet()) {
                int up = e.getValue()[1];
                int down = e.getValue()[2];
                if (up + down > 0) {
                    for (String theme : labelsOrNone(labels(e.getKey()))) {
                        int[] n = byTheme.computeIfAbsent(theme, k -> new int[2]);
                        n[0] += up;
                        n[1] += down;
                    }
                    helpful += up;
                    unhelpful += down;
                }
            }
        } else {
            // before the log recorded votes: each vote's entries tell its themes, by today's catalogue
            for (Feedback f : votes) {
                List<String> themes = f.entryIds().stream().map(entries::get).filter(Objects::nonNull)
                        .flatMap(e -> e.themes().stream()).distinct().map(t -> capitalized(t.label())).toList();
                for (String theme : labelsOrNone(themes)) {
                    byTheme.computeIfAbsent(theme, k -> new int[2])[f.helpful() ? 0 : 1]++;
                }
                helpful += f.helpful() ? 1 : 0;
                unhelpful += f.helpful() ? 0 : 1;
            }
        }
        return new Ratings(byTheme, helpful, unhelpful, fromLog);
    }

    private static List<String> labelsOrNone(List<String> themes) {
        return themes.isEmpty() ? List.of(capitalized(NO_ENTRY)) : themes;
    }

    private final Map<List<Theme>, List<String>> labels = new HashMap<>();

    /** The French labels of a list of themes; the same few lists recur on most rows. */
    private List<String> labels(List<Theme> themes) {
        return labels.computeIfAbsent(themes, list -> list.stream().map(t -> capitalized(t.label())).toList());
    }

    private Figure ratingsByTheme(Ratings ratings) {
        List<Map.Entry<String, int[]>> sorted = ratings.byTheme().entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, int[]> e) -> e.getValue()[0] + e.getValue()[1]).reversed()
                        .thenComparing(Map.Entry::getKey))
                .toList();
        List<List<Object>> rows = new ArrayList<>();
        for (Map.Entry<String, int[]> e : sorted) {
            int up = e.getValue()[0];
            int down = e.getValue()[1];
            rows.add(List.of(e.getKey(), up, down, Share.of(up, up + down)));
        }
        int total = ratings.helpful() + ratings.unhelpful();
        ChartSpec chart = rows.isEmpty() ? null : new ChartSpec("Avis par thème", "Thème des fiches montrées",
                "Nombre d'avis", List.of("Utile", "Pas utile"),
                sorted.stream().map(Map.Entry::getKey).toList(),
                List.of(sorted.stream().map(e -> (double) e.getValue()[0]).toList(),
                        sorted.stream().map(e -> (double) e.getValue()[1]).toList()), true, true);
        String sentence = total == 0 ? "Aucun avis (👍/👎) donné sur la période."
                : Fr.count(total, "Un avis", "avis") + " donnés sur les réponses, " + Fr.percent(ratings.helpful() / (double) total)
                + " utiles ; un avis compte dans chaque thème des fiches de la réponse."
                + (ratings.fromLog() ? "" : " (Avis lus dans le registre des avis, thèmes d'après le catalogue actuel.)");
        return new Figure("avis-par-theme", "Avis 👍/👎 par thème", sentence,
                List.of("Thème", "Utile (👍)", "Pas utile (👎)", "Part utile"), rows, chart, Figure.ALL);
    }

    // ---------------------------------------------------------------- catalogue health

    private Figure ending() {
        LocalDate limit = today.plusDays(ENDING_WITHIN_DAYS);
        List<List<Object>> rows = new ArrayList<>();
        input.catalogue().entries().stream()
                .filter(e -> e.validUntil() != null && !e.validUntil().isBefore(today) && !e.validUntil().isAfter(limit))
                .sorted(Comparator.comparing(Entry::validUntil).thenComparing(Entry::id))
                .forEach(e -> rows.add(List.of(e.id(), e.title(), e.kind().label(), e.validUntil(),
                        ChronoUnit.DAYS.between(today, e.validUntil()))));
        return new Figure("fiches-bientot-terminees", "Fiches qui se terminent dans les " + ENDING_WITHIN_DAYS + " jours",
                rows.isEmpty() ? "Aucune fiche ne se termine dans les " + ENDING_WITHIN_DAYS + " jours."
                        : Fr.count(rows.size(), "Une fiche arrive", "fiches arrivent") + " en fin de validité d'ici le "
                        + Fr.date(limit) + " : à prolonger, remplacer ou laisser s'éteindre (Guichet cesse de les montrer"
                        + " le lendemain de la date de fin).",
                List.of("Fiche", "Titre", "Type", "Fin de validité", "Jours restants"), rows, null, Figure.ALL);
    }

    private Figure notReviewed() {
        LocalDate limit = today.minusMonths(REVIEW_MONTHS);
        List<List<Object>> rows = new ArrayList<>();
        input.catalogue().entries().stream()
                .filter(e -> e.lastReviewed() == null || e.lastReviewed().isBefore(limit))
                .filter(e -> e.validUntil() == null || !e.validUntil().isBefore(today))
                .sorted(Comparator.comparing(Entry::lastReviewed, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(Entry::id))
                .forEach(e -> rows.add(java.util.Arrays.asList(e.id(), e.title(), e.kind().label(), e.lastReviewed())));
        return new Figure("fiches-non-revues", "Fiches non revues depuis " + REVIEW_MONTHS + " mois",
                rows.isEmpty() ? "Toutes les fiches en vigueur ont été revues depuis le " + Fr.date(limit) + "."
                        : Fr.count(rows.size(), "Une fiche en vigueur n'a", "fiches en vigueur n'ont") + " pas été revue"
                        + (rows.size() > 1 ? "s" : "") + " depuis le " + Fr.date(limit)
                        + " (ou ne disent pas quand) : montants, dates et liens ont pu changer. Les plus anciennes d'abord"
                        + (rows.size() > 40 ? " ; le tableau en donne 40, le fichier CSV toutes." : "."),
                List.of("Fiche", "Titre", "Type", "Dernière revue"), rows, null, 40);
    }

    // ---------------------------------------------------------------- helpers

    private static Figure countFigure(String slug, String title, String category, String counted, int whole,
                                      List<Map.Entry<String, Integer>> counts, String sentence, String chartTitle,
                                      String valueAxis, boolean horizontal) {
        List<List<Object>> rows = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts) {
            rows.add(List.of(e.getKey(), e.getValue(), Share.of(e.getValue(), whole)));
        }
        ChartSpec chart = counts.isEmpty() || chartTitle == null ? null : ChartSpec.bars(chartTitle, category, valueAxis,
                counted, counts.stream().map(Map.Entry::getKey).toList(),
                counts.stream().map(e -> (double) e.getValue()).toList(), horizontal);
        return new Figure(slug, title, sentence, List.of(category, counted, "Part"), rows, chart, Figure.ALL);
    }

    private static List<Map.Entry<String, Integer>> sortedByCount(Map<String, Integer> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .toList();
    }

    static String capitalized(String label) {
        return label.isEmpty() ? label : Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }

    /**
     * Nearest-rank percentile, as the project's other figures ({@code RetrievalEvaluator}):
     * the smallest value with at least p % of the values at or below it. Empty for no values.
     */
    static Optional<Duration> percentile(List<Duration> values, double p) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return Optional.of(sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))));
    }

    static Optional<Duration> median(List<Duration> values) {
        return percentile(values, 50);
    }
}
