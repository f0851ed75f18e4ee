package fr.guichet.bot.handoff;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** A case in the words an adviser reads, the same on every channel. */
public final class CaseSummary {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.FRANCE)
            .withZone(ZoneId.of("Europe/Paris"));

    private CaseSummary() {
    }

    public static String headline(HandoffCase c) {
        return UserText.clean("Dossier " + c.id() + " · " + c.state().label() + " · thème " + (c.theme() == null ? "-" : c.theme().label())
                + " · créé le " + TIME.format(c.createdAt()));
    }

    /**
     * Everything the adviser needs: reason, contact, entries shown, transcript. Control
     * characters are removed from the whole text, whatever the case holds (rows written before
     * the store cleaned them, or edited by hand): this text goes to terminals.
     */
    public static String full(HandoffCase c) {
        return UserText.clean(fullText(c));
    }

    private static String fullText(HandoffCase c) {
        StringBuilder s = new StringBuilder(headline(c)).append('\n');
        s.append("Motif : ").append(c.reason()).append('\n');
        s.append("Conseiller : ").append(c.adviserId()).append(" (relais : ").append(c.backupId()).append(")\n");
        if (c.contact() != null) {
            s.append("Contact : ").append(nonBlank(c.contact().name())).append(" · ").append(nonBlank(c.contact().company()))
                    .append(" · ").append(nonBlank(c.contact().phoneOrEmail())).append(" (accepte d'être recontacté)\n");
        } else {
            s.append("Contact : coordonnées non communiquées (répondre par le canal de la conversation)\n");
        }
        if (!c.entryIds().isEmpty()) {
            s.append("Fiches montrées : ").append(String.join(", ", c.entryIds())).append('\n');
        }
        s.append("Conversation :\n");
        for (TranscriptLine line : c.transcript()) {
            s.append("  [").append(TIME.format(line.at())).append("] ")
                    .append(line.speaker().equals(TranscriptLine.ENTREPRENEUR) ? "Entrepreneur" : "Guichet").append(" : ")
                    .append(line.text().replace("\n", "\n      ")).append('\n');
        }
        c.events().forEach(e -> s.append("  · ").append(TIME.format(e.at())).append(" ").append(e.action()).append(" par ")
                .append(e.actor()).append(e.detail() == null ? "" : " (" + e.detail() + ")").append('\n'));
        return s.toString();
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }
}
