package fr.guichet.knowledge.catalogue;

import java.util.List;

/** A named person of the CCI who takes handed-off cases. Optional fields are null when absent. */
public record Adviser(
        String id,
        String name,
        String role,
        List<Theme> domains,
        List<String> territories,
        String discordUserId,
        String email,
        String phone,
        String backup) {

    public Adviser {
        domains = List.copyOf(domains);
        territories = List.copyOf(territories);
    }
}
