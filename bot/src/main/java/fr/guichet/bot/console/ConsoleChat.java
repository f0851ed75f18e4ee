package fr.guichet.bot.console;

import fr.guichet.bot.assistant.Assistant;
import fr.guichet.bot.assistant.Card;
import fr.guichet.bot.assistant.Cards;
import fr.guichet.bot.assistant.Profile;
import fr.guichet.bot.assistant.Reply;
import fr.guichet.bot.handoff.Contact;
import fr.guichet.bot.handoff.StoreException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;

/** The assistant in a terminal, on the entrepreneur's side. */
public final class ConsoleChat {
    private final Assistant assistant;
    private final BufferedReader in;
    private final PrintStream out;
    private final String userId;
    private final String conversationId;

    public ConsoleChat(Assistant assistant, BufferedReader in, PrintStream out, String userId) {
        this.assistant = assistant;
        this.in = in;
        this.out = out;
        this.userId = userId;
        this.conversationId = "console-" + userId;
    }

    public void run() throws IOException {
        out.println("Bonjour, je suis Guichet, l'assistant des entrepreneurs de Béthune-Bruay Artois Lys Romane (CCI Artois).");
        out.println("Posez votre question en quelques mots. Commandes : /conseiller, /profil, /oui, /non, /oublier, /aide, /quitter.");
        while (true) {
            out.print("\nvous > ");
            out.flush();
            String line = in.readLine();
            if (line == null || line.strip().equals("/quitter")) {
                out.println("\nÀ bientôt !");
                return;
            }
            String text = line.strip();
            switch (text) {
                case "" -> {
                }
                case "/aide" -> help();
                case "/profil" -> showProfile(assistant.profile(conversationId, userId));
                case "/conseiller" -> offerHandoff(assistant.requestAdviser(conversationId, userId), true);
                case "/oui", "/non" -> {
                    Optional<Reply> proposal = assistant.feedback(conversationId, userId, text.equals("/oui"));
                    out.println("guichet > Merci pour votre retour.");
                    proposal.ifPresent(r -> offerHandoff(r, false));
                }
                case "/oublier" -> {
                    assistant.forget(userId);
                    out.println("guichet > C'est fait : ce que je gardais de vos échanges est effacé.");
                }
                default -> {
                    Reply reply = assistant.handle(conversationId, userId, text);
                    show(reply);
                    if (reply.handoff().needed()) {
                        askToHandOff();
                    }
                }
            }
        }
    }

    private void help() {
        out.println("guichet > Écrivez votre question (« aide pour embaucher un apprenti à Lillers »).");
        out.println("  /conseiller  être recontacté par un conseiller de la CCI");
        out.println("  /profil      ce que j'ai compris de votre entreprise");
        out.println("  /oui /non    dire si ma dernière réponse vous a aidé");
        out.println("  /oublier     effacer ce que je garde de vos échanges");
        out.println("  /quitter     terminer");
    }

    private void show(Reply reply) {
        out.println("guichet > " + reply.text().replace("\n", "\n          "));
        // the text already says what each entry gives; the console lists the sources once more, briefly
        for (Card card : reply.cards()) {
            out.println("  ┃ Source : " + card.title() + " (" + card.kind() + ")"
                    + (card.url() != null ? " — " + card.linkLabel() + " : " + card.url() : ""));
        }
        if (reply.cards().stream().anyMatch(Card::sample)) {
            out.println("  ┃ " + Cards.SAMPLE_NOTICE);
        }
        if (!reply.suggestions().isEmpty() && !reply.handoff().needed()) {
            out.println("  Suggestions : " + String.join(" · ", reply.suggestions()));
        }
    }

    private void offerHandoff(Reply proposal, boolean alreadyAsked) {
        out.println("guichet > " + proposal.text());
        if (alreadyAsked) {
            collectAndOpen();
        } else {
            askToHandOff();
        }
    }

    private void askToHandOff() {
        String answer = prompt("Transmettre votre demande à ce conseiller ? (oui/non)");
        if (isYes(answer)) {
            collectAndOpen();
        } else {
            out.println("guichet > D'accord. Tapez /conseiller à tout moment si vous changez d'avis.");
        }
    }

    private void collectAndOpen() {
        String name = prompt("Votre nom (Entrée pour passer)");
        String company = prompt("Votre entreprise ou projet (Entrée pour passer)");
        String reach = prompt("Votre téléphone ou e-mail (Entrée pour passer)");
        String consent = prompt("Acceptez-vous d'être recontacté(e) à ces coordonnées ? (oui/non)");
        boolean agreed = isYes(consent);
        Contact contact = new Contact(blankToNull(name), blankToNull(company), blankToNull(reach), agreed);
        try {
            out.println("guichet > " + assistant.openCase(conversationId, userId, contact).message());
        } catch (StoreException e) {
            out.println("guichet > Désolé, votre demande n'a pas pu être enregistrée (" + e.getMessage()
                    + "). Réessayez dans un instant ; rien n'a été transmis.");
        }
    }

    private String prompt(String question) {
        out.print("guichet > " + question + " : ");
        out.flush();
        try {
            return in.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    private void showProfile(Profile p) {
        if (p.isEmpty()) {
            out.println("guichet > Je ne sais encore rien de votre entreprise : dites-moi où vous en êtes, votre secteur, votre commune.");
            return;
        }
        out.println("guichet > Ce que j'ai compris :");
        out.println("  stade : " + (p.stage() == null ? "?" : p.stage().label()));
        out.println("  secteur : " + (p.sector() == null ? "?" : p.sector()));
        out.println("  commune : " + (p.place() == null ? "?" : p.place()));
        out.println("  effectif : " + (p.headcount() == null ? "?" : p.headcount()));
    }

    /** "oui", "ouais", "ok", "/oui" (the feedback command, typed out of habit), "d'accord". */
    static boolean isYes(String answer) {
        if (answer == null) {
            return false;
        }
        String a = answer.strip().toLowerCase(java.util.Locale.ROOT).replaceFirst("^/", "");
        return a.startsWith("o") || a.startsWith("d'accord") || a.startsWith("daccord") || a.equals("yes") || a.equals("y");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
