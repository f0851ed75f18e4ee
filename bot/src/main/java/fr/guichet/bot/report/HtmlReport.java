package fr.guichet.bot.report;

import fr.guichet.bot.report.Figure.Share;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * The report as one self-contained French HTML page: CSS inline, charts as inline SVG, no
 * script, no font, image or style sheet fetched from anywhere, so it opens from disk or an
 * e-mail attachment in any browser, offline, and prints on A4 (a chart or a table row never
 * split across two pages, a figure's title kept with what follows, charts above their tables).
 */
public final class HtmlReport {

    private static final String CSS = """
            :root { --ink: #222; --muted: #555; --line: #d7d7d7; --accent: #0b5394; --soft: #f3f6fa; }
            * { box-sizing: border-box; }
            html { color: var(--ink); background: #fff; }
            body { font-family: system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, "DejaVu Sans", sans-serif;
                   font-size: 15px; line-height: 1.45; margin: 0 auto; max-width: 1180px; padding: 24px 28px 48px; }
            h1 { font-size: 1.7em; margin: 0 0 .2em; color: var(--accent); }
            h2 { font-size: 1.3em; margin: 1.8em 0 .4em; padding-bottom: .2em; border-bottom: 2px solid var(--accent);
                 break-after: avoid; page-break-after: avoid; }
            h3 { font-size: 1.05em; margin: 0 0 .3em; }
            p { margin: .3em 0 .6em; }
            .meta { color: var(--muted); margin: 0; }
            .sample { background: #fff4d6; border: 1px solid #e6c25a; padding: .4em .7em; }
            nav ol { columns: 2; margin: .4em 0; padding-left: 1.4em; }
            nav a { color: var(--accent); }
            .keys { display: grid; grid-template-columns: repeat(auto-fill, minmax(165px, 1fr)); gap: 10px; margin: 1em 0; }
            .key { background: var(--soft); border-radius: 6px; padding: .55em .75em; break-inside: avoid; }
            .key .value { display: block; font-size: 1.55em; font-weight: 650; color: var(--accent); }
            .key .label { display: block; color: var(--muted); font-size: .9em; }
            .empty { background: var(--soft); border-left: 4px solid var(--accent); padding: .8em 1.1em; margin: 1.5em 0; }
            .empty h2 { border: 0; margin-top: .2em; }
            figure { margin: 1.1em 0 1.6em; }
            figure h3, .sentence { break-after: avoid; page-break-after: avoid; }
            .chart, tr { break-inside: avoid; page-break-inside: avoid; }
            .sentence { color: var(--muted); }
            .body { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 18px; align-items: start; }
            .body.table-only { grid-template-columns: minmax(0, 1fr); }
            .chart svg { width: 100%; height: auto; display: block; }
            .table-only .chart { max-width: 760px; }
            .table-only table { width: auto; min-width: 55%; }
            table { border-collapse: collapse; width: 100%; font-size: .88em; }
            th, td { border-bottom: 1px solid var(--line); padding: .28em .45em; text-align: left; vertical-align: top; }
            th { background: var(--soft); font-weight: 600; }
            td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
            td ul { margin: 0; padding-left: 1.1em; }
            .more, .none { color: var(--muted); font-style: italic; }
            footer { margin-top: 2.5em; color: var(--muted); font-size: .85em; border-top: 1px solid var(--line); padding-top: .6em; }
            @media (max-width: 900px) { .body { grid-template-columns: minmax(0, 1fr); } }
            @page { size: A4; margin: 14mm 12mm; }
            @media print {
              body { font-size: 10pt; max-width: none; padding: 0; }
              nav { display: none; }
              .body { grid-template-columns: minmax(0, 1fr); gap: 6px; }
              .chart { max-width: 165mm; }
              h2 { margin-top: 1.2em; }
              a { color: inherit; text-decoration: none; }
            }
            """;

    private HtmlReport() {
    }

    public static String render(Report report) {
        StringBuilder h = new StringBuilder(64 * 1024);
        String title = "Guichet — rapport d'activité " + report.period().label();
        h.append("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header>\n<h1>Guichet — rapport d'activité</h1>\n<p class=\"meta\">Période : <strong>")
                .append(esc(report.period().label())).append("</strong> (jours et heures de Paris)");
        if (report.catalogueName() != null) {
            h.append(" · catalogue « ").append(esc(report.catalogueName())).append(" »");
        }
        h.append("</p>\n<p class=\"meta\">Rapport établi le ").append(esc(Fr.DATE_TIME.format(report.generatedAt())))
                .append(".</p>\n");
        if (report.sampleCatalogue()) {
            h.append("<p class=\"sample\">Catalogue d'exemple : ses fiches ne sont pas à jour pour un usage réel.</p>\n");
        }
        h.append("</header>\n");

        if (report.empty()) {
            h.append("<section class=\"empty\" id=\"rien\">\n<h2>Rien à montrer pour l'instant</h2>\n<p>Aucune question, aucun")
                    .append(" dossier, aucun avis ni aucune question sans réponse n'a été enregistré ")
                    .append(esc(report.period().label())).append(". Les chiffres apparaîtront ici à mesure que les")
                    .append(" entrepreneurs poseront leurs questions à Guichet ; seule la santé du catalogue, qui ne dépend")
                    .append(" pas de l'activité, est donnée ci-dessous.</p>\n</section>\n");
        } else {
            keyFigures(h, report.keyFigures());
            h.append("<nav aria-label=\"Sommaire\">\n<ol>\n");
            for (Section s : report.sections()) {
                h.append("<li><a href=\"#").append(s.id()).append("\">").append(esc(s.title())).append("</a></li>\n");
            }
            h.append("</ol>\n</nav>\n");
        }

        int chart = 0;
        for (Section s : report.sections()) {
            h.append("<section id=\"").append(s.id()).append("\">\n<h2>").append(esc(s.title())).append("</h2>\n");
            if (s.intro() != null) {
                h.append("<p>").append(esc(s.intro())).append("</p>\n");
            }
            for (Figure f : s.figures()) {
                figure(h, f, "g" + (++chart) + "-");
            }
            h.append("</section>\n");
        }
        h.append("<footer>\n<p>Établi par Guichet à partir de sa base de données. Les questions sont comptées sans savoir")
                .append(" qui les a posées ; seules les questions restées sans réponse gardent leur texte, effacé comme le")
                .append(" reste au bout de la durée de conservation. Les mêmes chiffres existent en fichiers CSV")
                .append(" (<code>./guichet report --csv DOSSIER</code>).</p>\n</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void keyFigures(StringBuilder h, KeyFigures k) {
        h.append("<section class=\"keys\" aria-label=\"Chiffres clés\">\n");
        key(h, Fr.integer(k.questions()), "questions posées");
        key(h, k.questions() == 0 ? "—" : Fr.percent(k.answeredShare()), "répondues (" + Fr.integer(k.answered()) + ")");
        key(h, Fr.integer(k.partial()), "réponses approchées");
        key(h, Fr.integer(k.nothingFound()), "sans rien trouvé");
        key(h, Fr.integer(k.handedOff()), "orientées vers un conseiller");
        key(h, Fr.integer(k.cases()), "dossiers ouverts");
        key(h, k.medianTimeToClaim().map(Fr::duration).orElse("—"), "délai médian de prise en charge");
        int votes = k.helpfulVotes() + k.unhelpfulVotes();
        key(h, votes == 0 ? "—" : Fr.percent(k.helpfulVotes() / (double) votes), "d'avis utiles (" + Fr.integer(votes) + " avis)");
        h.append("</section>\n");
    }

    private static void key(StringBuilder h, String value, String label) {
        h.append("<div class=\"key\"><span class=\"value\">").append(esc(value)).append("</span><span class=\"label\">")
                .append(esc(label)).append("</span></div>\n");
    }

    private static void figure(StringBuilder h, Figure f, String idPrefix) {
        h.append("<figure id=\"").append(f.slug()).append("\">\n<h3>").append(esc(f.title())).append("</h3>\n")
                .append("<p class=\"sentence\">").append(esc(f.sentence())).append("</p>\n");
        if (f.isEmpty()) {
            h.append("</figure>\n");
            return;
        }
        boolean chart = f.chart() != null;
        h.append("<div class=\"body").append(!chart || wide(f) ? " table-only" : "").append("\">\n");
        if (chart) {
            h.append("<div class=\"chart\" role=\"img\" aria-label=\"").append(esc(f.chart().title())).append("\">\n")
                    .append(Charts.svg(f.chart(), idPrefix)).append("\n</div>\n");
        }
        h.append("<div class=\"numbers\">\n<table>\n<thead><tr>");
        List<List<Object>> rows = f.rows();
        for (int c = 0; c < f.columns().size(); c++) {
            h.append("<th").append(numeric(rows, c) ? " class=\"num\"" : "").append(" scope=\"col\">")
                    .append(esc(f.columns().get(c))).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        int shown = Math.min(rows.size(), f.htmlRows());
        for (List<Object> row : rows.subList(0, shown)) {
            h.append("<tr>");
            for (Object cell : row) {
                h.append(cell instanceof Number || cell instanceof Share || cell instanceof Duration ? "<td class=\"num\">" : "<td>")
                        .append(cell(cell)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        if (shown < rows.size()) {
            h.append("<p class=\"more\">… et ").append(Fr.integer(rows.size() - shown)).append(" ligne")
                    .append(rows.size() - shown > 1 ? "s" : "").append(" de plus dans le fichier CSV « ")
                    .append(f.slug()).append(".csv ».</p>\n");
        }
        h.append("</div>\n</div>\n</figure>\n");
    }

    /** A table of many columns, or of long texts, does not fit beside its chart: it goes below. */
    private static boolean wide(Figure f) {
        return f.columns().size() > 4 || f.rows().stream().flatMap(List::stream)
                .anyMatch(v -> v instanceof String text && text.length() > 40);
    }

    private static boolean numeric(List<List<Object>> rows, int column) {
        return rows.stream().map(r -> r.get(column)).filter(v -> v != null)
                .anyMatch(v -> v instanceof Number || v instanceof Share || v instanceof Duration);
    }

    private static String cell(Object value) {
        return switch (value) {
            case null -> "—";
            case Share s -> esc(Fr.percent(s.value()));
            case Duration d -> esc(Fr.duration(d));
            case LocalDate d -> esc(Fr.date(d));
            case Integer n -> esc(Fr.integer(n));
            case Long n -> esc(Fr.integer(n));
            case Number n -> esc(Fr.decimal(n.doubleValue(), 1));
            case List<?> items -> {
                StringBuilder ul = new StringBuilder("<ul>");
                items.forEach(i -> ul.append("<li>").append(esc(String.valueOf(i))).append("</li>"));
                yield ul.append("</ul>").toString();
            }
            default -> esc(String.valueOf(value));
        };
    }

    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
