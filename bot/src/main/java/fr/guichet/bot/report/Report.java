package fr.guichet.bot.report;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The CCI report, computed: what the HTML page and the CSV files show, in the same numbers.
 *
 * @param sampleCatalogue the catalogue says its facts are examples ({@code catalogue.json})
 * @param empty      nothing was recorded in the period (no question, case, vote or unanswered question):
 *                   the report says so instead of drawing empty charts
 * @param mainChart  questions per week by outcome, when there were questions
 */
public record Report(ReportPeriod period, ZonedDateTime generatedAt, String catalogueName, boolean sampleCatalogue,
                     KeyFigures keyFigures,
                     boolean empty, List<Section> sections, Optional<ChartSpec> mainChart) {
    public Report {
        sections = List.copyOf(sections);
    }

    /** Every figure, in the order of the page. */
    public List<Figure> figures() {
        return sections.stream().flatMap(s -> s.figures().stream()).toList();
    }

    public Optional<Figure> figure(String slug) {
        return figures().stream().filter(f -> f.slug().equals(slug)).findFirst();
    }
}
