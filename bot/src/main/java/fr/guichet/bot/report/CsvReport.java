package fr.guichet.bot.report;

import fr.guichet.bot.report.Figure.Share;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's figures as CSV files for a spreadsheet, one per figure (named by its slug)
 * plus {@code chiffres-cles.csv}: every row, even those the HTML leaves out. Written the way
 * a French spreadsheet opens them with a double click: UTF-8 with a byte-order mark, « ; »
 * between fields, decimal comma, dates as dd/mm/yyyy; durations in hours and shares in
 * percent (the column says so). A cell a spreadsheet would take for a formula (text typed
 * by an entrepreneur starting with « = », « + », « - » or « @ ») is prefixed with « ' ».
 */
public final class CsvReport {

    private CsvReport() {
    }

    /** Writes the files into {@code dir} (created if needed); returns them, key figures first. */
    public static List<Path> write(Report report, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        KeyFigures k = report.keyFigures();
        List<List<Object>> keys = new ArrayList<>();
        keys.add(List.of("Période", report.period().label()));
        keys.add(List.of("Questions posées", k.questions()));
        keys.add(List.of("Répondues", k.answered()));
        keys.add(List.of("Réponses approchées", k.partial()));
        keys.add(List.of("Sans rien trouvé", k.nothingFound()));
        keys.add(List.of("Orientées vers un conseiller", k.handedOff()));
        keys.add(java.util.Arrays.asList("Part des questions répondues (%)",
                k.questions() == 0 ? null : Fr.decimal(100 * k.answeredShare(), 1)));
        keys.add(List.of("Dossiers ouverts", k.cases()));
        keys.add(java.util.Arrays.asList("Délai médian de prise en charge (heures)",
                k.medianTimeToClaim().map(Fr::hours).orElse(null)));
        keys.add(List.of("Avis utiles (👍)", k.helpfulVotes()));
        keys.add(List.of("Avis pas utiles (👎)", k.unhelpfulVotes()));
        written.add(file(dir.resolve("chiffres-cles.csv"), List.of("Indicateur", "Valeur"), keys));
        for (Figure f : report.figures()) {
            written.add(file(dir.resolve(f.slug() + ".csv"), headers(f), f.rows()));
        }
        return written;
    }

    private static List<String> headers(Figure f) {
        List<String> headers = new ArrayList<>();
        for (int c = 0; c < f.columns().size(); c++) {
            int column = c;
            Object sample = f.rows().stream().map(r -> r.get(column)).filter(v -> v != null).findFirst().orElse(null);
            String unit = sample instanceof Duration ? " (heures)" : sample instanceof Share ? " (%)" : "";
            headers.add(f.columns().get(c) + unit);
        }
        return headers;
    }

    private static Path file(Path path, List<String> headers, List<List<Object>> rows) throws IOException {
        StringBuilder out = new StringBuilder("\uFEFF");
        line(out, new ArrayList<>(headers));
        for (List<Object> row : rows) {
            line(out, row);
        }
        Files.writeString(path, out, StandardCharsets.UTF_8);
        return path;
    }

    private static void line(StringBuilder out, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(';');
            }
            out.append(quoted(cell(cells.get(i))));
        }
        out.append("\r\n");
    }

    static String cell(Object value) {
        return switch (value) {
            case null -> "";
            case Share s -> Fr.decimal(100 * s.value(), 1);
            case Duration d -> Fr.hours(d);
            case LocalDate d -> Fr.date(d);
            case Integer n -> Long.toString(n);
            case Long n -> Long.toString(n);
            case Number n -> Fr.decimal(n.doubleValue(), 2);
            case List<?> items -> String.join(" | ", items.stream().map(String::valueOf).map(CsvReport::defused).toList());
            default -> defused(String.valueOf(value));
        };
    }

    private static String defused(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    private static String quoted(String text) {
        if (text.indexOf(';') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
