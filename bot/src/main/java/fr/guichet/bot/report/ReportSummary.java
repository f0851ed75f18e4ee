package fr.guichet.bot.report;

import fr.guichet.bot.handoff.CaseState;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.bot.handoff.HandoffStore;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The key figures of a period and its main chart, for a short answer such as Discord's
 * {@code /statistiques}: questions asked, share fully answered, cases opened for an adviser,
 * median time to claim them, and the questions-per-week chart as a PNG.
 *
 * <pre>{@code
 * ReportPeriod period = ReportPeriod.parse(option, ReportPeriod.today(clock)); // IllegalArgumentException: tell the user
 * ReportSummary summary = ReportSummary.of(questionLog, cases, period);
 * String text = summary.text();                   // French, a few lines
 * Optional<byte[]> png = summary.chartPng();      // empty when there were no questions
 * }</pre>
 *
 * @param handedOff         questions whose reply proposed an adviser
 * @param cases             cases opened in the period
 * @param medianTimeToClaim over the cases of the period that were claimed; empty when none was
 */
public record ReportSummary(ReportPeriod period, int questions, int answered, int handedOff, int cases,
                            Optional<Duration> medianTimeToClaim, Optional<ChartSpec> chart) {

    /** Counts the period's questions (in the database, for the SQLite log) and reads its cases. */
    public static ReportSummary of(QuestionLog questionLog, HandoffStore caseStore, ReportPeriod period) {
        QuestionStats questions = questionLog.stats(period.start(), period.end());
        List<HandoffCase> cases = caseStore.list(EnumSet.allOf(CaseState.class)).stream()
                .filter(c -> period.contains(c.createdAt())).toList();
        Optional<Duration> median = ReportBuilder.median(
                cases.stream().map(ReportBuilder::timeToClaim).flatMap(Optional::stream).toList());
        Optional<ChartSpec> chart = questions.questions() == 0 ? Optional.empty()
                : Optional.ofNullable(ReportBuilder.weekly(questions, period).chart());
        return new ReportSummary(period, questions.questions(), questions.outcome(Outcome.ANSWERED),
                questions.outcome(Outcome.HANDED_OFF), cases.size(), median, chart);
    }

    /** Share of questions fully answered, 0 to 1; 0 without questions. */
    public double answeredShare() {
        return questions == 0 ? 0 : answered / (double) questions;
    }

    public boolean isEmpty() {
        return questions == 0 && cases == 0;
    }

    /** The main chart (questions per week by outcome) as a PNG image, when there were questions. */
    public Optional<byte[]> chartPng() {
        return chart.map(Charts::png);
    }

    /** The figures in French, one per line, ready to send. */
    public String text() {
        if (isEmpty()) {
            return "Statistiques de Guichet " + period.label() + " : rien à montrer pour l'instant, aucune question"
                    + " ni aucun dossier n'a été enregistré.";
        }
        return "Statistiques de Guichet " + period.label() + "\n"
                + "Questions posées : " + Fr.integer(questions) + "\n"
                + "Répondues : " + (questions == 0 ? "—" : Fr.percent(answeredShare()) + " (" + Fr.integer(answered) + ")") + "\n"
                + "Mises en relation : " + Fr.count(cases, "un dossier ouvert", "dossiers ouverts") + "\n"
                + "Délai médian de prise en charge : " + medianTimeToClaim.map(Fr::duration).orElse("—");
    }
}
