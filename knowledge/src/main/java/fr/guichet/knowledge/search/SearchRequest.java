package fr.guichet.knowledge.search;

import fr.guichet.knowledge.catalogue.EntryKind;
import fr.guichet.knowledge.catalogue.Stage;
import fr.guichet.knowledge.catalogue.Theme;

/**
 * A question and what narrows it. Null filters are unset. {@code territory} is a place
 * name ("Béthune", "Pas-de-Calais"); when unset, a place named in the text is used.
 * {@code preferStage} and {@code preferSector} rank entries for that profile higher
 * without excluding the others.
 */
public record SearchRequest(
        String text,
        EntryKind kind,
        Theme theme,
        Stage stage,
        String sector,
        String territory,
        boolean freeOnly,
        boolean upcomingOnly,
        Stage preferStage,
        String preferSector,
        int limit) {

    public static final int DEFAULT_LIMIT = 10;

    public SearchRequest {
        text = text == null ? "" : text;
        if (limit <= 0) {
            limit = DEFAULT_LIMIT;
        }
    }

    public static SearchRequest of(String text) {
        return new SearchRequest(text, null, null, null, null, null, false, false, null, null, DEFAULT_LIMIT);
    }

    public SearchRequest withKind(EntryKind value) {
        return new SearchRequest(text, value, theme, stage, sector, territory, freeOnly, upcomingOnly,
                preferStage, preferSector, limit);
    }

    public SearchRequest withTheme(Theme value) {
        return new SearchRequest(text, kind, value, stage, sector, territory, freeOnly, upcomingOnly,
                preferStage, preferSector, limit);
    }

    public SearchRequest withTerritory(String value) {
        return new SearchRequest(text, kind, theme, stage, sector, value, freeOnly, upcomingOnly,
                preferStage, preferSector, limit);
    }

    public SearchRequest withStage(Stage value) {
        return new SearchRequest(text, kind, theme, value, sector, territory, freeOnly, upcomingOnly,
                preferStage, preferSector, limit);
    }

    public SearchRequest withSector(String value) {
        return new SearchRequest(text, kind, theme, stage, value, territory, freeOnly, upcomingOnly,
                preferStage, preferSector, limit);
    }

    public SearchRequest withFreeOnly(boolean value) {
        return new SearchRequest(text, kind, theme, stage, sector, territory, value, upcomingOnly,
                preferStage, preferSector, limit);
    }

    public SearchRequest withUpcomingOnly(boolean value) {
        return new SearchRequest(text, kind, theme, stage, sector, territory, freeOnly, value,
                preferStage, preferSector, limit);
    }

    public SearchRequest withPreferences(Stage stageValue, String sectorValue) {
        return new SearchRequest(text, kind, theme, stage, sector, territory, freeOnly, upcomingOnly,
                stageValue, sectorValue, limit);
    }

    public SearchRequest withLimit(int value) {
        return new SearchRequest(text, kind, theme, stage, sector, territory, freeOnly, upcomingOnly,
                preferStage, preferSector, value);
    }
}
