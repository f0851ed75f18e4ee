package fr.guichet.bot.report;

import java.util.List;

/** A part of the report: a heading, an optional introduction, its figures. */
public record Section(String id, String title, String intro, List<Figure> figures) {
    public Section {
        figures = List.copyOf(figures);
    }
}
