package fr.guichet.bot.privacy;

import java.util.ArrayList;
import java.util.List;

/**
 * What « /oublier » erased for one entrepreneur, to tell them exactly.
 *
 * @param conversations   live conversations dropped from memory (what they wrote, what
 *                        Guichet understood of their company); -1 when that step failed
 * @param feedback        👍/👎 and unanswered questions deleted
 * @param cases           ids of the cases whose contact, conversation and reason were erased
 * @param cancelled       ids among them that were still open and are now cancelled
 * @param hadContact      ids among them that held contact details
 */
public record Erasure(int conversations, int feedback, List<String> cases, List<String> cancelled,
                      List<String> hadContact) {

    public Erasure {
        cases = List.copyOf(cases);
        cancelled = List.copyOf(cancelled);
        hadContact = List.copyOf(hadContact);
    }

    /** The French message for the entrepreneur: each kind of data erased, named. */
    public String inFrench() {
        List<String> erased = new ArrayList<>();
        if (conversations > 0) {
            erased.add("notre conversation en cours et ce que j'avais compris de votre entreprise");
        }
        if (feedback > 0) {
            erased.add(feedback == 1 ? "1 avis ou question enregistré" : feedback + " avis ou questions enregistrés");
        }
        for (String id : cases) {
            erased.add("la demande " + id + " : " + (hadContact.contains(id) ? "vos coordonnées, " : "")
                    + "la conversation transmise et le motif"
                    + (cancelled.contains(id) ? " ; cette demande est annulée : personne ne vous recontactera à son sujet"
                    : ""));
        }
        StringBuilder s = new StringBuilder();
        if (erased.isEmpty()) {
            s.append("Je ne gardais rien de vous : il n'y avait rien à effacer.");
        } else {
            s.append("C'est fait. J'ai effacé :");
            erased.forEach(e -> s.append("\n  • ").append(e).append(" ;"));
            s.setLength(s.length() - 2);
            s.append('.');
            if (!cases.isEmpty()) {
                s.append("\nLa CCI garde seulement le numéro, la date et le thème de ").append(cases.size() == 1
                        ? "cette demande" : "ces demandes").append(", sans rien qui vous identifie.");
            }
        }
        if (conversations < 0) {
            s.append("\nLa conversation en cours n'a pas pu être effacée : tapez à nouveau /oublier dans un instant.");
        }
        return s.toString();
    }
}
