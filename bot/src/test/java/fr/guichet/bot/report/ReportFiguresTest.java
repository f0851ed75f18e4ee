package fr.guichet.bot.report;

import static fr.guichet.bot.report.ReportFixture.inPeriod;
import static fr.guichet.bot.report.ReportFixture.mondayOf;
import static fr.guichet.bot.report.ReportFixture.nearestRank;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.bot.TestAssistants;
import fr.guichet.bot.feedback.InMemoryFeedbackStore;
import fr.guichet.bot.handoff.HandoffReason;
import fr.guichet.bot.report.ActivityGenerator.GeneratedCase;
import fr.guichet.bot.report.Figure.Share;
import fr.guichet.bot.store.Database;
import fr.guichet.bot.store.SqliteHandoffStore;
import fr.guichet.knowledge.catalogue.Adviser;
import fr.guichet.knowledge.catalogue.Catalogue;
import fr.guichet.knowledge.catalogue.Entry;
import fr.guichet.knowledge.catalogue.Theme;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's figures against what the generator wrote: every number is recomputed here from the generated rows. */
class ReportFiguresTest {

    static ReportFixture fixture;
    static Report whole;
    static ActivityGenerator.Generated generated;

    @BeforeAll
    static void generate() {
        fixture = ReportFixture.shared();
        generated = fixture.generated;
        whole = fixture.report(ReportFixture.PLAN.period());
    }

    static Figure figure(Report report, String slug) {
        return report.figure(slug).orElseThrow(() -> new AssertionError("no figure " + slug));
    }

    /** The figure's rows as label → the cell of the given column. */
    static Map<String, Object> column(Figure f, int column) {
        Map<String, Object> byLabel = new HashMap<>();
        f.rows().forEach(r -> byLabel.put(String.valueOf(r.get(0)), r.get(column)));
        return byLabel;
    }

    @Test
    void questionsPerWeekAreWhatWasGenerated() {
        Map<LocalDate, int[]> expected = new TreeMap<>();
        for (AnsweredQuestion q : generated.questions()) {
            expected.computeIfAbsent(mondayOf(q.at()), k -> new int[4])[q.outcome().ordinal()]++;
        }
        Figure weekly = figure(whole, "questions-par-semaine");
        assertEquals(18, weekly.rows().size(), "3 August to 30 November: 17 whole weeks and a Monday");
        int total = 0;
        for (List<Object> row : weekly.rows()) {
            int[] counts = expected.getOrDefault((LocalDate) row.get(0), new int[4]);
            for (Outcome o : Outcome.values()) {
                assertEquals(counts[o.ordinal()], row.get(1 + o.ordinal()), row.get(0) + " " + o);
            }
            int sum = counts[0] + counts[1] + counts[2] + counts[3];
            assertEquals(sum, row.get(5), "total of the week of " + row.get(0));
            total += sum;
        }
        assertEquals(ReportFixture.PLAN.questions(), total);
        assertTrue(whole.mainChart().isPresent());
        assertEquals(weekly.rows().size(), whole.mainChart().get().categories().size());
        assertEquals(4, whole.mainChart().get().series().size());
    }

    @Test
    void keyFiguresAreWhatWasGenerated() {
        KeyFigures k = whole.keyFigures();
        Map<Outcome, Long> outcomes = generated.questions().stream()
                .collect(Collectors.groupingBy(AnsweredQuestion::outcome, Collectors.counting()));
        assertEquals(ReportFixture.PLAN.questions(), k.questions());
        assertEquals(outcomes.get(Outcome.ANSWERED), (long) k.answered());
        assertEquals(outcomes.get(Outcome.PARTIAL), (long) k.partial());
        assertEquals(outcomes.get(Outcome.NOTHING_FOUND), (long) k.nothingFound());
        assertEquals(outcomes.get(Outcome.HANDED_OFF), (long) k.handedOff());
        assertEquals(ReportFixture.PLAN.cases(), k.cases());
        List<Duration> claims = generated.cases().stream().map(GeneratedCase::toClaim).filter(d -> d != null).toList();
        assertEquals(nearestRank(claims, 50), k.medianTimeToClaim().orElseThrow());
        long up = generated.ratings().stream().filter(Boolean.TRUE::equals).count();
        long down = generated.ratings().stream().filter(Boolean.FALSE::equals).count();
        assertEquals(up, k.helpfulVotes());
        assertEquals(down, k.unhelpfulVotes());
        assertFalse(whole.empty());
    }

    @Test
    void theDatabaseCountsWhatTheRowsSay() {
        for (ReportPeriod p : List.of(ReportFixture.PLAN.period(), ReportPeriod.parse("2026-10", LocalDate.of(2026, 12, 1)))) {
            QuestionStats sql = fixture.log.stats(p.start(), p.end());
            QuestionStats rows = QuestionStats.of(fixture.log.between(p.start(), p.end()));
            assertTrue(sql.questions() > 500);
            assertEquals(rows.questions(), sql.questions());
            assertEquals(rows.byHour().keySet(), sql.byHour().keySet());
            rows.byHour().forEach((hour, n) -> assertEquals(List.of(n[0], n[1], n[2], n[3]),
                    List.of(sql.byHour().get(hour)[0], sql.byHour().get(hour)[1], sql.byHour().get(hour)[2],
                            sql.byHour().get(hour)[3]), hour.toString()));
            assertEquals(rows.byThemes().keySet(), sql.byThemes().keySet());
            rows.byThemes().forEach((themes, n) -> assertEquals(List.of(n[0], n[1], n[2]),
                    List.of(sql.byThemes().get(themes)[0], sql.byThemes().get(themes)[1], sql.byThemes().get(themes)[2])));
            assertEquals(rows.byEntries(), sql.byEntries());
            for (AskedKind k : AskedKind.values()) {
                assertEquals(rows.kind(k), sql.kind(k));
            }
            for (Channel c : Channel.values()) {
                assertEquals(rows.channel(c), sql.channel(c));
            }
            assertEquals(rows.llmComposed(), sql.llmComposed());
            for (int pct : new int[] {1, 50, 90, 100}) {
                assertEquals(rows.latency(pct), sql.latency(pct));
            }
        }
        List<Duration> latencies = generated.questions().stream().map(AnsweredQuestion::latency).toList();
        QuestionStats all = fixture.log.stats(ReportFixture.PLAN.period().start(), ReportFixture.PLAN.period().end());
        assertEquals(nearestRank(latencies, 50), all.latency(50).orElseThrow());
        assertEquals(nearestRank(latencies, 90), all.latency(90).orElseThrow());
    }

    @Test
    void aMonthIsItsDaysInParisAcrossTheChangeToWinterTime() {
        ReportPeriod october = new ReportPeriod(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31));
        Report report = fixture.report(october);
        long questions = generated.questions().stream().filter(q -> inPeriod(q.at(), october)).count();
        long cases = generated.cases().stream().filter(c -> inPeriod(c.createdAt(), october)).count();
        assertEquals(questions, report.keyFigures().questions());
        assertEquals(cases, report.keyFigures().cases());
        List<Duration> claims = generated.cases().stream().filter(c -> inPeriod(c.createdAt(), october))
                .map(GeneratedCase::toClaim).filter(d -> d != null).toList();
        assertEquals(nearestRank(claims, 50), report.keyFigures().medianTimeToClaim().orElseThrow());
        Figure weekly = figure(report, "questions-par-semaine");
        assertEquals(LocalDate.of(2026, 9, 28), weekly.rows().get(0).get(0), "the week holding 1 October");
        assertEquals(LocalDate.of(2026, 10, 26), weekly.rows().get(weekly.rows().size() - 1).get(0));
        assertTrue(weekly.sentence().contains("n'est comptée qu'en partie"), weekly.sentence());
    }

    @Test
    void dayBoundariesAreMidnightInParis() throws Exception {
        InMemoryQuestionLog log = new InMemoryQuestionLog();
        // 00:30 in Paris on 1 October (summer time, UTC+2) and on 1 November (winter time, UTC+1)
        log.record(question(Instant.parse("2026-09-30T22:30:00Z")));
        log.record(question(Instant.parse("2026-10-31T23:30:00Z")));
        log.record(question(Instant.parse("2026-09-30T21:59:59Z"))); // 23:59:59 on 30 September
        try (Database db = new Database(tmp); SqliteHandoffStore cases = new SqliteHandoffStore(db, ReportFixture.NOW)) {
            ReportBuilder.Input input = new ReportBuilder.Input(log, cases, new InMemoryFeedbackStore(), TestAssistants.catalogue());
            ReportPeriod october = new ReportPeriod(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31));
            assertEquals(1, ReportBuilder.build(input, october, ReportFixture.NOW).keyFigures().questions());
            ReportPeriod november = new ReportPeriod(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30));
            assertEquals(1, ReportBuilder.build(input, november, ReportFixture.NOW).keyFigures().questions());
        }
    }

    @TempDir
    Path tmp;

    static AnsweredQuestion question(Instant at) {
        return new AnsweredQuestion(at, Channel.DM, AskedKind.ANY, List.of(), List.of(), Outcome.NOTHING_FOUND, null,
                Duration.ofMillis(40), false);
    }

    @Test
    void themesKindsAndChannelsAreCounted() {
        Map<String, Integer> themes = new HashMap<>();
        Map<String, Integer> kinds = new HashMap<>();
        Map<String, Integer> channels = new HashMap<>();
        for (AnsweredQuestion q : generated.questions()) {
            if (q.themes().isEmpty()) {
                themes.merge("Aucune fiche montrée", 1, Integer::sum);
            }
            q.themes().forEach(t -> themes.merge(ReportBuilder.capitalized(t.label()), 1, Integer::sum));
            kinds.merge(ReportBuilder.capitalized(q.kind().label()), 1, Integer::sum);
            channels.merge(ReportBuilder.capitalized(q.channel().label()), 1, Integer::sum);
        }
        assertEquals(themes, counts(figure(whole, "questions-par-theme")));
        assertEquals(kinds, counts(figure(whole, "questions-par-type")));
        assertEquals(channels, counts(figure(whole, "questions-par-canal")));
        Figure byTheme = figure(whole, "questions-par-theme");
        for (int i = 1; i < byTheme.rows().size(); i++) {
            assertTrue((int) byTheme.rows().get(i - 1).get(1) >= (int) byTheme.rows().get(i).get(1), "largest first");
        }
        Share first = (Share) byTheme.rows().get(0).get(2);
        assertEquals((int) byTheme.rows().get(0).get(1) / (double) ReportFixture.PLAN.questions(), first.value(), 1e-9);
    }

    static Map<String, Integer> counts(Figure f) {
        Map<String, Integer> counts = new HashMap<>();
        f.rows().forEach(r -> counts.put((String) r.get(0), (Integer) r.get(1)));
        return counts;
    }

    @Test
    void entriesShownMostAndNeverAreListed() {
        Map<String, Integer> shown = new HashMap<>();
        generated.questions().forEach(q -> q.entryIds().forEach(id -> shown.merge(id, 1, Integer::sum)));
        Figure most = figure(whole, "fiches-les-plus-montrees");
        assertEquals(shown.size(), most.rows().size(), "every entry shown, in the CSV");
        assertEquals(20, most.htmlRows());
        int max = shown.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertEquals(max, most.rows().get(0).get(3));
        assertEquals(shown.get((String) most.rows().get(0).get(0)), max);
        for (List<Object> row : most.rows()) {
            assertEquals(shown.get((String) row.get(0)), row.get(3), "count of " + row.get(0));
        }

        Set<String> never = new HashSet<>();
        for (Entry e : TestAssistants.catalogue().entries()) {
            boolean valid = (e.validFrom() == null || !e.validFrom().isAfter(ReportFixture.PLAN.period().to()))
                    && (e.validUntil() == null || !e.validUntil().isBefore(ReportFixture.FROM));
            if (valid && !shown.containsKey(e.id())) {
                never.add(e.id());
            }
        }
        Set<String> listed = figure(whole, "fiches-jamais-montrees").rows().stream().map(r -> (String) r.get(0))
                .collect(Collectors.toSet());
        assertEquals(never, listed);

        // one month: fewer entries shown, more never shown
        Report november = fixture.report(new ReportPeriod(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30)));
        assertTrue(figure(november, "fiches-jamais-montrees").rows().size() > never.size());
    }

    @Test
    void handoffsByReasonDomainAndAdviser() {
        Catalogue catalogue = TestAssistants.catalogue();
        Function<String, String> name = id -> catalogue.adviser(id).map(Adviser::name).orElseThrow();
        Map<String, Integer> reasons = new HashMap<>();
        Map<String, Integer> domains = new HashMap<>();
        Map<String, List<Duration>> claims = new TreeMap<>();
        Map<String, List<Duration>> resolutions = new TreeMap<>();
        Map<String, int[]> reminders = new TreeMap<>();
        int remindersSent = 0;
        for (GeneratedCase c : generated.cases()) {
            reasons.merge(ReportBuilder.capitalized(c.reason().label()), 1, Integer::sum);
            domains.merge(ReportBuilder.capitalized(c.domain().label()), 1, Integer::sum);
            String adviser = name.apply(c.finalAdviserId());
            claims.computeIfAbsent(adviser, k -> new ArrayList<>());
            resolutions.computeIfAbsent(adviser, k -> new ArrayList<>());
            if (c.toClaim() != null) {
                claims.get(adviser).add(c.toClaim());
            }
            if (c.toResolve() != null) {
                resolutions.get(adviser).add(c.toResolve());
            }
            int[] r = reminders.computeIfAbsent(name.apply(c.firstAdviserId()), k -> new int[2]);
            for (Instant at : c.reminders()) {
                if (inPeriod(at, ReportFixture.PLAN.period())) {
                    r[0]++;
                    remindersSent++;
                }
            }
            for (Instant at : c.escalations()) {
                if (inPeriod(at, ReportFixture.PLAN.period())) {
                    r[1]++;
                }
            }
        }
        assertEquals(reasons, counts(figure(whole, "dossiers-par-motif")));
        assertEquals(domains, counts(figure(whole, "dossiers-par-domaine")));
        assertTrue(reasons.containsKey(ReportBuilder.capitalized(HandoffReason.EXPLICIT_REQUEST.label())));

        Figure delays = figure(whole, "delais-par-conseiller");
        Map<String, Object> claimed = column(delays, 1);
        Map<String, Object> medianClaim = column(delays, 2);
        Map<String, Object> p90Claim = column(delays, 3);
        Map<String, Object> medianResolve = column(delays, 5);
        Map<String, Object> p90Resolve = column(delays, 6);
        for (var e : claims.entrySet()) {
            String adviser = e.getKey();
            assertEquals(e.getValue().size(), claimed.get(adviser), adviser);
            if (!e.getValue().isEmpty()) {
                assertEquals(nearestRank(e.getValue(), 50), medianClaim.get(adviser), "median claim " + adviser);
                assertEquals(nearestRank(e.getValue(), 90), p90Claim.get(adviser), "p90 claim " + adviser);
            }
            List<Duration> resolved = resolutions.get(adviser);
            if (!resolved.isEmpty()) {
                assertEquals(nearestRank(resolved, 50), medianResolve.get(adviser), "median resolution " + adviser);
                assertEquals(nearestRank(resolved, 90), p90Resolve.get(adviser), "p90 resolution " + adviser);
            }
        }
        List<Duration> all = generated.cases().stream().map(GeneratedCase::toClaim).filter(d -> d != null).toList();
        assertEquals(nearestRank(all, 50), medianClaim.get("Tous les conseillers"));
        assertEquals(nearestRank(all, 90), p90Claim.get("Tous les conseillers"));
        assertNotNull(delays.chart(), "median and 90th percentile per adviser, drawn");

        Figure sent = figure(whole, "relances-et-escalades");
        reminders.values().removeIf(r -> r[0] == 0 && r[1] == 0);
        Map<String, Object> remindersByAdviser = column(sent, 1);
        Map<String, Object> escalationsByAdviser = column(sent, 2);
        assertEquals(reminders.keySet(), remindersByAdviser.keySet());
        reminders.forEach((adviser, r) -> {
            assertEquals(r[0], remindersByAdviser.get(adviser), "reminders to " + adviser);
            assertEquals(r[1], escalationsByAdviser.get(adviser), "escalations from " + adviser);
        });
        assertTrue(remindersSent > 10, "the generator sends reminders: " + remindersSent);
        assertTrue(sent.sentence().startsWith(remindersSent + " relances"), sent.sentence());

        Figure byAdviser = figure(whole, "dossiers-par-conseiller");
        int total = byAdviser.rows().stream().mapToInt(r -> (Integer) r.get(1)).sum();
        assertEquals(ReportFixture.PLAN.cases(), total);
    }

    @Test
    void votesAreCountedPerThemeOfTheEntriesShown() {
        Map<String, int[]> expected = new TreeMap<>();
        for (int i = 0; i < generated.questions().size(); i++) {
            Boolean vote = generated.ratings().get(i);
            if (vote != null) {
                List<Theme> themes = generated.questions().get(i).themes();
                List<String> labels = themes.isEmpty() ? List.of("Aucune fiche montrée")
                        : themes.stream().map(t -> ReportBuilder.capitalized(t.label())).toList();
                labels.forEach(l -> expected.computeIfAbsent(l, k -> new int[2])[vote ? 0 : 1]++);
            }
        }
        Figure votes = figure(whole, "avis-par-theme");
        assertEquals(expected.keySet(), column(votes, 0).keySet());
        expected.forEach((theme, n) -> {
            assertEquals(n[0], column(votes, 1).get(theme), "👍 " + theme);
            assertEquals(n[1], column(votes, 2).get(theme), "👎 " + theme);
        });
        assertFalse(votes.sentence().contains("registre des avis"), "the question log's votes are used");
    }

    @Test
    void catalogueHealthListsEntriesEndingSoonAndNotReviewed() throws Exception {
        Catalogue bundled = TestAssistants.catalogue();
        LocalDate today = LocalDate.of(2026, 12, 1);
        List<Entry> schemes = new ArrayList<>();
        for (Entry e : bundled.schemes()) {
            LocalDate until = e.validUntil();
            LocalDate reviewed = e.lastReviewed();
            switch (e.id()) {
                case "acre" -> until = today; // its last day: still listed, 0 days left
                case "adie-microcredit" -> until = today.minusDays(1); // over: not listed
                case "arce" -> reviewed = LocalDate.of(2026, 1, 10);
                case "bge-accompagnement-creation" -> reviewed = null;
                default -> { }
            }
            schemes.add(new Entry(e.kind(), e.id(), e.title(), e.summary(), e.description(), e.themes(), e.audience(),
                    e.territories(), e.provider(), e.benefit(), e.amountMin(), e.amountMax(), e.howToApply(), e.url(),
                    e.keywords(), e.adviserDomain(), e.validFrom(), until, reviewed, e.training()));
        }
        Catalogue catalogue = new Catalogue(schemes, bundled.trainings(), bundled.advisers(), bundled.synonyms(), bundled.info());
        try (Database db = new Database(tmp); SqliteHandoffStore cases = new SqliteHandoffStore(db, ReportFixture.NOW)) {
            Report report = ReportBuilder.build(new ReportBuilder.Input(new InMemoryQuestionLog(), cases,
                    new InMemoryFeedbackStore(), catalogue), ReportPeriod.lastDays(30, today), ReportFixture.NOW);
            assertTrue(report.empty());
            Figure ending = figure(report, "fiches-bientot-terminees");
            Set<String> expected = catalogue.entries().stream()
                    .filter(e -> e.validUntil() != null && !e.validUntil().isBefore(today)
                            && !e.validUntil().isAfter(today.plusDays(60)))
                    .map(Entry::id).collect(Collectors.toSet());
            assertTrue(expected.contains("acre") && !expected.contains("adie-microcredit"));
            assertEquals(expected, ending.rows().stream().map(r -> (String) r.get(0)).collect(Collectors.toSet()));
            assertEquals("acre", ending.rows().get(0).get(0), "soonest first");
            assertEquals(0L, ending.rows().get(0).get(4));
            Figure stale = figure(report, "fiches-non-revues");
            assertEquals(List.of("bge-accompagnement-creation", "arce"),
                    stale.rows().stream().map(r -> (String) r.get(0)).toList(), "never reviewed first, then the oldest");
        }
    }
}
