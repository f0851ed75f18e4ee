package fr.guichet.knowledge.text;

import java.util.List;

/**
 * A French area: France itself, a region, a department, the agglomeration or a commune.
 * Its path runs from the region down to itself, so one area contains another when its
 * path is a prefix of the other's.
 */
public record Place(String kind, String name, String code, List<String> path) {

    public static final Place FRANCE = new Place("pays", "France", "fr", List.of());

    public Place {
        path = List.copyOf(path);
    }

    /** The path as one string ("hdf/62/cabbalr/62119"); "" is France. */
    public String key() {
        return String.join("/", path);
    }

    /** True when one area lies within the other: an entry there can serve someone here. */
    public boolean overlaps(Place other) {
        List<String> shorter = path.size() <= other.path.size() ? path : other.path;
        List<String> longer = shorter == path ? other.path : path;
        return longer.subList(0, shorter.size()).equals(shorter);
    }
}
