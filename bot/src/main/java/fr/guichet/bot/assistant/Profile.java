package fr.guichet.bot.assistant;

import fr.guichet.knowledge.catalogue.Stage;

/**
 * What an entrepreneur has told about their company, filled in as they talk. Null fields
 * are unknown. {@code place} is a place name the geography knows ("Béthune").
 */
public record Profile(Stage stage, String sector, String place, Integer headcount) {
    public static final Profile EMPTY = new Profile(null, null, null, null);

    public Profile merge(Profile newer) {
        return new Profile(
                newer.stage != null ? newer.stage : stage,
                newer.sector != null ? newer.sector : sector,
                newer.place != null ? newer.place : place,
                newer.headcount != null ? newer.headcount : headcount);
    }

    /** Enough to answer a generic question: where the company stands and its trade. */
    public boolean isComplete() {
        return stage != null && sector != null;
    }

    public boolean isEmpty() {
        return stage == null && sector == null && place == null && headcount == null;
    }
}
