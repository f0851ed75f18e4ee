package fr.guichet.bot.console;

import fr.guichet.bot.assistant.Assistant;
import fr.guichet.bot.assistant.Card;
import fr.guichet.bot.assistant.Cards;
import fr.guichet.bot.assistant.Profile;
import fr.guichet.bot.assistant.Reply;
import fr.guichet.bot.handoff.Contact;
import fr.guichet.bot.handoff.StoreException;
import fr.guichet.bot.handoff.UserText;
import fr.guichet.bot.handoff.YesNo;
import fr.guichet.bot.privacy.Forgetting;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assistant in a terminal, on the entrepreneur's side.
 *
 * <p>Each run is one entrepreneur with its own session id ({@link #newSessionId}): two people
 * using the same computer account are two entrepreneurs, and « /oublier » erases only what
 * this session gave.
 *
 * <p>One message can never end the chat: whatever it throws (a store failure, a bug, even a
 * {@link StackOverflowError} or an {@link OutOfMemoryError}) is caught around that message,
 * logged without its text, and the user gets an apology; the next message is handled
 * normally. Only the end of input or « /quitter » ends the chat.
 */
public final class ConsoleChat {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleChat.class);
    /** Longest name, company or phone/e-mail kept from the contact form. */
    static final int MAX_CONTACT_FIELD = 200;

    private final Assistant assistant;
    private final Forgetting forgetting;
    private final BufferedReader in;
    private final PrintStream out;
    private final String userId;
    private final String conversationId;
    private final Runnable beforePrompt;
    private final Supplier<String> catalogue;

    /**
     * @param sessionId    this entrepreneur's id ({@link #newSessionId()})
     * @param beforePrompt run before every prompt: prints what background work left waiting ({@link ConsoleLog#flush})
     */
    public ConsoleChat(Assistant assistant, Forgetting forgetting, BufferedReader in, PrintStream out, String sessionId,
                       Runnable beforePrompt) {
        this(assistant, forgetting, in, out, sessionId, beforePrompt, () -> null);
    }

    /**
     * @param catalogue what /aide says of the catalogue being served (its size and date; it may be
     *                  reloaded during the chat), or null for nothing
     */
    public ConsoleChat(Assistant assistant, Forgetting forgetting, BufferedReader in, PrintStream out, String sessionId,
                       Runnable beforePrompt, Supplier<String> catalogue) {
        this.catalogue = catalogue;
        this.assistant = assistant;
        this.forgetting = forgetting;
        this.in = in;
        this.out = out;
        this.userId = sessionId;
        this.conversationId = sessionId;
        this.beforePrompt = beforePrompt;
    }

    public ConsoleChat(Assistant assistant, Forgetting forgetting, BufferedReader in, PrintStream out, String sessionId) {
        this(assistant, forgetting, in, out, sessionId, () -> {
        });
    }

    /** A new id for one console session: « console- » and 8 random hexadecimal digits. */
    public static String newSessionId() {
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        return "console-" + HexFormat.of().formatHex(bytes);
    }

    /** The commands of the chat, read case-insensitively, whatever follows the first word. */
    enum Command {
        HELP, PROFILE, ADVISER, YES, NO, FORGET, QUIT, CANCEL, UNKNOWN, NONE;

        static Command of(String text) {
            if (!text.startsWith("/")) {
                return NONE;
            }
            String word = text.substring(1).split("\\s+", 2)[0];
            word = Normalizer.normalize(word.toLowerCase(Locale.ROOT), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
            return switch (word) {
                case "aide", "help", "?" -> HELP;
                case "profil", "profile" -> PROFILE;
                case "conseiller", "conseillers", "conseillere" -> ADVISER;
                case "oui" -> YES;
                case "non" -> NO;
                case "oublier", "oubli", "oublie" -> FORGET;
                case "quitter", "quit", "exit", "fin" -> QUIT;
                case "annuler" -> CANCEL;
                default -> UNKNOWN;
            };
        }
    }

    /** What the user typed at a prompt, or that they left it. */
    private record Input(String text, Command exit) {
        static final Input QUIT = new Input(null, Command.QUIT);
        static final Input CANCEL = new Input(null, Command.CANCEL);

        boolean left() {
            return exit != null;
        }
    }

    public void run() throws IOException {
        out.println("Bonjour, je suis Guichet, l'assistant des entrepreneurs de Béthune-Bruay Artois Lys Romane (CCI Artois).");
        out.println("Posez votre question en quelques mots. Commandes : /conseiller, /profil, /oui, /non, /oublier, /aide, /quitter.");
        while (true) {
            Input input = read("\nvous > ");
            if (input.exit() == Command.QUIT) {
                out.println("\nÀ bientôt !");
                return;
            }
            boolean goOn;
            try {
                goOn = handle(input.text() == null ? "" : input.text());
            } catch (Throwable t) { // NOPMD: the channel boundary; the one message is dropped, the chat goes on
                goOn = true;
                apologise(t);
            }
            if (!goOn) {
                out.println("\nÀ bientôt !");
                return;
            }
        }
    }

    /** Handles one line; false when the chat must end. */
    private boolean handle(String text) {
        Command command = Command.of(text);
        switch (command) {
            case NONE -> {
                if (text.isEmpty()) {
                    return true;
                }
                Reply reply = assistant.handle(conversationId, userId, text);
                show(reply);
                return !reply.handoff().needed() || askToHandOff() != Command.QUIT;
            }
            case HELP -> help();
            case PROFILE -> showProfile(assistant.profile(conversationId, userId));
            case ADVISER -> {
                return offerHandoff(assistant.requestAdviser(conversationId, userId), true) != Command.QUIT;
            }
            case YES, NO -> {
                Optional<Reply> proposal;
                try {
                    proposal = assistant.feedback(conversationId, userId, command == Command.YES);
                } catch (StoreException e) {
                    LOG.warn("feedback not stored: {}", e.getMessage());
                    out.println("guichet > Merci. Votre avis n'a pas pu être enregistré à cause d'un incident technique ;"
                            + " vous pouvez continuer normalement.");
                    return true;
                }
                out.println("guichet > Merci pour votre retour.");
                if (proposal.isPresent()) {
                    return offerHandoff(proposal.get(), false) != Command.QUIT;
                }
            }
            case FORGET -> forget();
            case QUIT -> {
                return false;
            }
            case CANCEL -> out.println("guichet > Il n'y a rien en cours à annuler. Posez votre question quand vous voulez.");
            case UNKNOWN -> out.println("guichet > Je ne connais pas la commande « " + text.split("\\s+", 2)[0]
                    + " ». Tapez /aide pour la liste des commandes.");
        }
        return true;
    }

    private void forget() {
        try {
            out.println("guichet > " + forgetting.forget(userId).inFrench().replace("\n", "\n          "));
        } catch (StoreException e) {
            LOG.warn("forget failed: {}", e.getMessage());
            out.println("guichet > Désolé, l'effacement n'a pas pu se faire à cause d'un incident technique : rien n'a été "
                    + "effacé. Réessayez /oublier dans un instant.");
        }
    }

    /** One message failed in a way nobody foresaw: say so, log the kind (never the text), go on. */
    private void apologise(Throwable t) {
        if (t instanceof StoreException e) {
            LOG.warn("console: store failure: {}", e.getMessage());
        } else {
            LOG.error("console: message dropped after {}", t.getClass().getName());
        }
        out.println("guichet > Désolé, un incident technique m'a empêché de traiter ce message. Vous pouvez le reformuler "
                + "ou réessayer dans un instant ; notre conversation continue.");
    }

    private void help() {
        out.println("guichet > Écrivez votre question (« aide pour embaucher un apprenti à Lillers »).");
        out.println("  /conseiller  être recontacté par un conseiller de la CCI");
        out.println("  /profil      ce que j'ai compris de votre entreprise");
        out.println("  /oui /non    dire si ma dernière réponse vous a aidé");
        out.println("  /oublier     effacer ce que je garde de vos échanges (dans cette session)");
        out.println("  /annuler     abandonner une demande en cours de saisie");
        out.println("  /quitter     terminer");
        String served = catalogue.get();
        if (served != null) {
            out.println("  " + served);
        }
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

    /** @return QUIT when the user left the chat during the exchange */
    private Command offerHandoff(Reply proposal, boolean alreadyAsked) {
        out.println("guichet > " + proposal.text());
        return alreadyAsked ? collectAndOpen() : askToHandOff();
    }

    private Command askToHandOff() {
        Answer answer = askYesNo("Transmettre votre demande à ce conseiller ? (oui/non)");
        if (answer.exit() != null) {
            out.println("guichet > Rien n'a été transmis.");
            return answer.exit();
        }
        if (answer.value() == YesNo.YES) {
            return collectAndOpen();
        }
        out.println("guichet > " + (answer.value() == YesNo.NO ? "D'accord" : "Je n'ai pas compris votre réponse : je ne transmets rien")
                + ". Tapez /conseiller à tout moment si vous changez d'avis.");
        return Command.NONE;
    }

    /** Asks for the contact details and opens the case; leaving at any question sends nothing. */
    private Command collectAndOpen() {
        out.println("guichet > (tapez /annuler pour abandonner : rien ne sera transmis)");
        String[] fields = new String[3];
        String[] questions = {"Votre nom (Entrée pour passer)", "Votre entreprise ou projet (Entrée pour passer)",
                "Votre téléphone ou e-mail (Entrée pour passer)"};
        for (int i = 0; i < questions.length; i++) {
            Input input = read("guichet > " + questions[i] + " : ");
            if (input.left()) {
                out.println("guichet > Demande abandonnée : rien n'a été transmis.");
                return input.exit();
            }
            fields[i] = contactField(input.text());
        }
        boolean agreed = false;
        if (fields[0] != null || fields[1] != null || fields[2] != null) {
            Answer consent = askYesNo("Acceptez-vous d'être recontacté(e) à ces coordonnées ? (oui/non)");
            if (consent.exit() != null) {
                out.println("guichet > Demande abandonnée : rien n'a été transmis.");
                return consent.exit();
            }
            agreed = consent.value() == YesNo.YES;
            if (consent.value() == YesNo.UNCLEAR) {
                out.println("guichet > Je n'ai pas compris votre réponse : je ne garde pas vos coordonnées.");
            }
        }
        Contact contact = new Contact(fields[0], fields[1], fields[2], agreed);
        try {
            out.println("guichet > " + assistant.openCase(conversationId, userId, contact).message());
            if (!agreed || fields[2] == null) {
                out.println("guichet > Vous n'avez pas laissé de moyen de vous joindre (ou pas accepté d'être recontacté·e) :"
                        + " la réponse viendra par ce canal.");
            }
        } catch (StoreException e) {
            LOG.warn("handoff: case not stored: {}", e.getMessage());
            out.println("guichet > Désolé, votre demande n'a pas pu être enregistrée à cause d'un incident technique. "
                    + "Réessayez dans un instant ; rien n'a été transmis.");
        }
        return Command.NONE;
    }

    private String contactField(String text) {
        String value = text == null || text.isBlank() ? null : text.strip();
        if (value != null && value.length() > MAX_CONTACT_FIELD) {
            out.println("guichet > C'est trop long (" + MAX_CONTACT_FIELD + " caractères au plus) : je ne le garde pas.");
            return null;
        }
        return value;
    }

    private record Answer(YesNo value, Command exit) {
    }

    /** Asks until a clear yes or no, {@value YesNo#ATTEMPTS} times at most; UNCLEAR after that. */
    private Answer askYesNo(String question) {
        for (int attempt = 1; attempt <= YesNo.ATTEMPTS; attempt++) {
            Input input = read("guichet > " + question + " : ");
            if (input.left()) {
                return new Answer(YesNo.UNCLEAR, input.exit());
            }
            YesNo answer = YesNo.read(input.text());
            if (answer != YesNo.UNCLEAR) {
                return new Answer(answer, null);
            }
            if (attempt < YesNo.ATTEMPTS) {
                out.println("guichet > Je n'ai pas compris : répondez par « oui » ou par « non », s'il vous plaît.");
            }
        }
        return new Answer(YesNo.UNCLEAR, null);
    }

    /**
     * Prints the prompt (after what background work left waiting) and reads one line, without
     * control characters. The end of input and « /quitter » leave; « /annuler » leaves a form.
     */
    private Input read(String prompt) {
        beforePrompt.run();
        out.print(prompt);
        out.flush();
        String line;
        try {
            line = in.readLine();
        } catch (IOException e) {
            return Input.QUIT;
        }
        if (line == null) {
            return Input.QUIT;
        }
        String text = UserText.clean(line).strip();
        Command command = Command.of(text);
        if (command == Command.QUIT) {
            return Input.QUIT;
        }
        if (command == Command.CANCEL && !prompt.startsWith("\n")) {
            return Input.CANCEL;
        }
        return new Input(text, null);
    }

    private void showProfile(Profile p) {
        out.println("guichet > Votre session : " + userId + ". Ce que vous écrivez ici est rattaché à ce numéro seulement ; "
                + "/oublier l'efface.");
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
}
