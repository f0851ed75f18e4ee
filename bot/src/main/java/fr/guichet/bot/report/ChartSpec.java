package fr.guichet.bot.report;

import java.util.List;

/**
 * What a chart draws: bars per category, one value per series; stacked or side by side,
 * vertical or horizontal (long category names read better across). The axis labels name
 * what is counted and in which unit.
 *
 * @param values one list per series, one value per category
 */
public record ChartSpec(String title, String categoryAxis, String valueAxis, List<String> series,
                        List<String> categories, List<List<Double>> values, boolean stacked, boolean horizontal) {

    public ChartSpec {
        series = List.copyOf(series);
        categories = List.copyOf(categories);
        values = values.stream().map(List::copyOf).toList();
        int width = categories.size();
        if (values.size() != series.size() || values.stream().anyMatch(v -> v.size() != width)) {
            throw new IllegalArgumentException(title + ": values must be series × categories");
        }
    }

    /** One series: a plain bar chart. */
    public static ChartSpec bars(String title, String categoryAxis, String valueAxis, String series,
                                 List<String> categories, List<Double> values, boolean horizontal) {
        return new ChartSpec(title, categoryAxis, valueAxis, List.of(series), categories, List.of(values), false, horizontal);
    }
}
