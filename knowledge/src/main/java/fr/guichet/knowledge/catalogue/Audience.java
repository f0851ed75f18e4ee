package fr.guichet.knowledge.catalogue;

import java.util.List;

/** Who an entry serves; empty stage or sector lists mean "all". */
public record Audience(List<Stage> stages, List<String> sectors, List<String> conditions) {
    public static final Audience ALL = new Audience(List.of(), List.of(), List.of());

    public Audience {
        stages = List.copyOf(stages);
        sectors = List.copyOf(sectors);
        conditions = List.copyOf(conditions);
    }
}
