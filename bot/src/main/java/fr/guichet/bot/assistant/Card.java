package fr.guichet.bot.assistant;

/**
 * A catalogue entry as shown under a reply: its title, what it gives (or, for a training,
 * price, duration and next session), and its public link (may be null). {@code linkLabel}
 * says what the link is (« Voir la fiche officielle » only for a page of the programme itself,
 * else « Site de l'organisme »); {@code sample} is true when the entry comes from a sample
 * catalogue, whose facts the channel must present as examples.
 */
public record Card(String entryId, String kind, String title, String detail, String url, String linkLabel,
                   boolean sample) {

    /** A card of a production catalogue, its link labelled from the link itself. */
    public Card(String entryId, String kind, String title, String detail, String url) {
        this(entryId, kind, title, detail, url, url == null ? null : Cards.linkLabel(url), false);
    }

    /** The label of a button that opens the link, naming the entry since buttons sit below all the cards. */
    public String linkButton() {
        return (Cards.OFFICIAL_PAGE.equals(linkLabel) ? "Fiche : " : Cards.ORGANISATION_SITE + " · ") + title;
    }
}
