package fr.guichet.knowledge.catalogue;

/**
 * What {@code catalogue.json} says of the catalogue as a whole. {@code home} is the territory
 * the deployment serves (null: everywhere); a {@code sample} catalogue holds facts no one
 * has checked for real use, and the bot says so wherever it shows them.
 */
public record CatalogueInfo(String name, String home, boolean sample) {
    /** A catalogue without {@code catalogue.json}: no name, no home, production. */
    public static final CatalogueInfo NONE = new CatalogueInfo(null, null, false);
}
