package fr.guichet.bot.assistant;

/**
 * A catalogue entry as shown under a reply: its title, what it gives (or, for a training,
 * price, duration and next session), and its public link (may be null).
 */
public record Card(String entryId, String kind, String title, String detail, String url) {
}
