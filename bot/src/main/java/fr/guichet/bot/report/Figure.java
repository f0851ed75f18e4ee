package fr.guichet.bot.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One figure of the report: a title, a sentence saying what it shows, the table of its
 * numbers and, when a picture helps, a chart drawn from the same numbers. The HTML shows
 * the first {@code htmlRows} rows (the rest is counted, and in the CSV); the CSV file is
 * named by the slug.
 *
 * <p>Cells are {@link String}, {@link Number}, {@link Share}, {@link java.time.Duration},
 * {@link java.time.LocalDate}, a {@link List} of strings (shown as a list) or null (no
 * value); each output formats them its own way.
 */
public record Figure(String slug, String title, String sentence, List<String> columns, List<List<Object>> rows,
                     ChartSpec chart, int htmlRows) {

    /** As many rows as the HTML shows when not told otherwise. */
    public static final int ALL = Integer.MAX_VALUE;

    public Figure {
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>();
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException(slug + ": " + row.size() + " cells for " + columns.size() + " columns");
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(row))); // cells may be null
        }
        rows = List.copyOf(copy);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** A fraction (0 to 1) shown as a percentage. */
    public record Share(double value) {
        public static Share of(long part, long whole) {
            return whole == 0 ? null : new Share(part / (double) whole);
        }
    }
}
