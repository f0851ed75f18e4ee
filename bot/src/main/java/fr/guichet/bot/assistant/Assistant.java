package fr.guichet.bot.assistant;

import fr.guichet.knowledge.text.FrenchText;
import fr.guichet.bot.feedback.Feedback;
import fr.guichet.bot.feedback.FeedbackStore;
import fr.guichet.bot.feedback.UnansweredQuestion;
import fr.guichet.bot.handoff.AdviserNotifier;
import fr.guichet.bot.handoff.AdviserRouter;
import fr.guichet.bot.handoff.Contact;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.bot.handoff.HandoffDecision;
import fr.guichet.bot.handoff.HandoffPolicy;
import fr.guichet.bot.handoff.HandoffReason;
import fr.guichet.bot.handoff.HandoffStore;
import fr.guichet.bot.handoff.NewCase;
import fr.guichet.bot.handoff.TranscriptLine;
import fr.guichet.knowledge.catalogue.Adviser;
import fr.guichet.knowledge.catalogue.Entry;
import fr.guichet.knowledge.catalogue.EntryKind;
import fr.guichet.knowledge.catalogue.Stage;
import fr.guichet.knowledge.catalogue.Theme;
import fr.guichet.knowledge.search.Hit;
import fr.guichet.knowledge.search.KindWords;
import fr.guichet.knowledge.text.Place;
import fr.guichet.knowledge.text.Places;
import fr.guichet.knowledge.search.Retriever;
import fr.guichet.knowledge.search.SearchRequest;
import fr.guichet.knowledge.search.SearchResult;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assistant core, shared by every channel: given a conversation, a user and a message,
 * it returns a reply grounded in the catalogue, remembers the conversation, and hands the
 * cases a machine should not settle to a named adviser. It knows nothing of Discord.
 */
public final class Assistant {
    private static final Logger LOG = LoggerFactory.getLogger(Assistant.class);
    public static final int MAX_MESSAGE_CHARS = 4000;
    private static final int SHOWN = 3;
    /**
     * At or below this confidence, half the question or less was found: the entries are shown as the
     * nearest ones, not as the answer. Out-of-scope questions ("la météo demain", "un appartement à
     * louer") score 0.2 to 0.5 on the bundled catalogue; four in five answered questions score more.
     */
    private static final double PARTIAL_MATCH = 0.5;
    /** Below this confidence a hit does not tell a case's theme. */
    private static final double SHOW_FLOOR = HandoffPolicy.DEFAULT_MIN_CONFIDENCE;

    private static final Set<String> GENERIC_WORDS = Set.of("aide", "aides", "financement", "financements", "financer",
            "subvention", "subventions", "argent", "entreprise", "boite", "societe", "projet", "conseil", "conseils",
            "info", "infos", "information", "informations", "renseignement", "renseignements", "lancer", "creer",
            "creation", "question", "dispositif", "dispositifs", "faire", "besoin", "help", "thune", "sous", "business",
            "monter", "ouvrir", "demarrer", "affaire", "accompagnement", "soutien", "possible", "pouvez", "m", "aider",
            "formation", "formations");
    private static final Set<String> CHAT_WORDS = Set.of("je", "j", "me", "moi", "mon", "ma", "mes", "un", "une", "des",
            "le", "la", "les", "l", "de", "du", "d", "a", "au", "aux", "pour", "et", "ou", "en", "il", "y", "est", "ce",
            "c", "qu", "que", "qui", "quoi", "quel", "quelle", "quels", "quelles", "veux", "voudrais", "cherche",
            "bonjour", "bonsoir", "salut", "hello", "coucou", "bjr", "slt", "svp", "stp", "merci", "vous", "avez", "ai",
            "suis", "sur", "avec", "existe", "t", "ca", "comment", "peux", "peut", "on", "nous", "pas", "ne", "n", "s",
            "se", "sa", "son", "ses", "tout", "bien", "ya", "yen", "jveux", "jvoudrais");
    /** Words of a request for a person that say nothing of the subject ("un rdv demain matin avec la cci"). */
    private static final Set<String> ASK_WORDS = Set.of("rdv", "rendez", "cci", "conseiller", "conseillere", "conseillers",
            "humain", "personne", "quelqu", "rappeler", "rappelez", "appeler", "appelez", "contacter", "recontacter",
            "joindre", "telephone", "numero", "parler", "voir", "discuter", "echanger", "rencontrer", "pouvez", "pourriez",
            "possible", "plait", "demain", "matin", "apres", "midi", "soir", "aujourd", "hui", "semaine", "vite",
            "rapidement", "urgent", "dossier", "prefere", "prefererais", "aimerais", "souhaite", "voudrait", "vrai", "vraie",
            "accompagne", "accompagnee", "etre");
    private static final Pattern GREETING = Pattern.compile("^(bonjour|bonsoir|salut|hello|coucou|bjr|slt)\\b");
    private static final Pattern FOLLOW_UP = Pattern.compile(
            "^(et|mais|sinon|aussi|ok et|d accord et|pour (un|une|le|la|les)|dans (le|la|les)|en (cas|tant)|meme chose|pareil)\\b");
    private static final Pattern DETAIL = Pattern.compile(
            "\\b(combien|prix|tarif|cout|coute|payant|gratuit|quand|date|dates|prochaine session|duree|combien de temps"
                    + "|comment (on )?(s inscri\\w*|postule\\w*|candidate\\w*|fai\\w*|en beneficie\\w*|y acceder|demander)"
                    + "|ou (ca|se|est ce que ca) (se )?passe|lien|site)\\b");

    private final Retriever retriever;
    private final Answerer answerer;
    private final Answerer fallback = new ExtractiveAnswerer();
    private final HandoffPolicy policy;
    private final AdviserRouter router;
    private final HandoffStore cases;
    private final FeedbackStore feedback;
    private final AdviserNotifier notifier;
    private final ProfileExtractor extractor = new ProfileExtractor();
    private final ConversationMemory memory;
    private final Clock clock;
    private final String contactDelay;

    /**
     * @param contactDelay when the adviser will get back to the entrepreneur, in words ("sous 4 heures ouvrées")
     */
    public Assistant(Retriever retriever, Answerer answerer, HandoffPolicy policy, AdviserRouter router,
                     HandoffStore cases, FeedbackStore feedback, AdviserNotifier notifier, Clock clock,
                     Duration memoryIdleLimit, String contactDelay) {
        this.retriever = retriever;
        this.answerer = answerer;
        this.policy = policy;
        this.router = router;
        this.cases = cases;
        this.feedback = feedback;
        this.notifier = notifier;
        this.clock = clock;
        this.memory = new ConversationMemory(memoryIdleLimit, clock);
        this.contactDelay = contactDelay;
    }

    /** Answers one message of a conversation. */
    public Reply handle(String conversationId, String userId, String message) {
        String text = message == null ? "" : message.strip();
        if (text.isEmpty()) {
            return Reply.text("Posez-moi votre question : par exemple « je veux créer un commerce à Béthune, quelles aides ? »");
        }
        if (text.length() > MAX_MESSAGE_CHARS) {
            return Reply.text("Votre message est trop long (" + text.length() + " caractères, " + MAX_MESSAGE_CHARS
                    + " au plus). Pouvez-vous le résumer en quelques phrases ?");
        }
        Conversation c = memory.get(conversationId, userId);
        synchronized (c) {
            c.add(new TranscriptLine(clock.instant(), TranscriptLine.ENTREPRENEUR, text));
            c.profile = c.profile.merge(extractor.extract(text));
            Reply reply = answer(c, text);
            c.add(new TranscriptLine(clock.instant(), TranscriptLine.GUICHET, reply.text()));
            return reply;
        }
    }

    private Reply answer(Conversation c, String text) {
        String normalized = FrenchText.normalize(text);
        if (!c.lastEntries.isEmpty() && DETAIL.matcher(normalized).find() && contentWords(normalized).size() <= 3) {
            c.unhelpful.add(false);
            return details(c, normalized);
        }
        List<String> words = contentWords(normalized);
        // "ya des aides ?" right after "embaucher mon premier salarié" asks about that, not about aids in general
        boolean onlyGeneric = !words.isEmpty() && words.size() <= 3 && words.stream().allMatch(GENERIC_WORDS::contains);
        boolean followUp = c.lastSearch != null && (FOLLOW_UP.matcher(normalized).find() || onlyGeneric
                || (c.lastEntries.isEmpty() && words.size() <= 4));
        String search = followUp ? previousTopic(c.lastSearch, text) + " " + text : text;
        HandoffDecision decision = policy.onMessage(text);
        boolean askOnly = false;
        if (decision.reason() == HandoffReason.EXPLICIT_REQUEST) {
            // "parler à un conseiller" says who, not what: the topic is the rest, or what was asked before
            String topic = FrenchText.normalize(search).replace(decision.detail(), " ").strip();
            askOnly = contentWords(topic).stream().allMatch(ASK_WORDS::contains);
            search = askOnly && c.lastSearch != null ? c.lastSearch : topic;
        }

        if (!decision.needed() && isVague(search, c.profile)) {
            c.lastSearch = search;
            c.lastEntries = List.of();
            c.unhelpful.add(false);
            String hello = GREETING.matcher(normalized).find()
                    ? "Bonjour ! Je vous oriente vers les aides et les formations utiles à votre entreprise. " : "";
            return new Reply(hello + clarifyingQuestion(c.profile), List.of(), List.of(), HandoffDecision.NONE, Optional.empty());
        }

        SearchResult result = askOnly && c.lastSearch == null ? new SearchResult(List.of(), Optional.empty())
                : retriever.search(request(search, text, c.profile));
        // a hit the policy would not trust is not shown either, even below a better one
        List<Hit> shown = result.hits().stream().filter(h -> h.confidence() >= policy.minConfidence()).limit(SHOWN).toList();
        boolean unsure = !askOnly && result.topConfidence() < policy.minConfidence();
        int streak = unsure ? c.unhelpfulStreak() + 1 : 0;
        if (!decision.needed()) {
            decision = policy.onRetrieval(search, result.topConfidence(), streak);
        }
        c.unhelpful.add(unsure);
        c.lastSearch = search;
        c.lastQuestion = text;

        Answer answer;
        List<Entry> entries = unsure ? List.of() : shown.stream().map(Hit::entry).toList();
        if (entries.isEmpty() && askOnly) {
            answer = new Answer("Bien sûr.", List.of(), false, false);
        } else if (entries.isEmpty()) {
            feedback.recordUnanswered(new UnansweredQuestion(clock.instant(), c.userId, text));
            answer = new Answer("Je n'ai rien trouvé de sûr dans le catalogue pour cette question.", List.of(), false, false);
        } else {
            answer = safely(new AnswerRequest(text, entries, c.profile, today()));
            if (answer.complex() && !decision.needed()) {
                decision = HandoffDecision.to(null, HandoffReason.COMPLEX_CASE, null);
            }
        }
        List<Entry> cited = entries.stream().filter(e -> answer.citedIds().contains(e.id())).toList();
        c.lastEntries = cited;
        List<Card> cards = cited.stream().map(e -> Cards.card(e, today())).toList();
        String replyText = !cited.isEmpty() && !askOnly && result.topConfidence() <= PARTIAL_MATCH
                ? "Je n'ai pas de réponse exacte à votre question dans le catalogue ; voici ce qui s'en rapproche le plus."
                        + " Un conseiller peut aussi vous répondre.\n\n" + answer.text()
                : answer.text();

        if (decision.needed()) {
            Theme domain = decision.domain() != null ? decision.domain() : domainOf(result, search, c.profile);
            decision = new HandoffDecision(true, decision.reason(), domain, decision.detail());
            c.pendingHandoff = decision;
            AdviserRouter.Routing routing = router.route(domain, place(c.profile, result));
            String proposal = "\n\n" + proposalText(decision, routing.adviser());
            return new Reply(replyText + proposal, cards, List.of("Parler à un conseiller"), decision,
                    Optional.of(routing));
        }
        return new Reply(replyText, cards, suggestions(cited), decision, Optional.empty());
    }

    /** The configured answerer, falling back to the extractive answer if it fails in any way. */
    private Answer safely(AnswerRequest request) {
        try {
            return answerer.answer(request);
        } catch (RuntimeException e) {
            LOG.warn("answerer failed ({}), extractive answer used", e.getClass().getSimpleName());
            return fallback.answer(request);
        }
    }

    private SearchRequest request(String search, String message, Profile profile) {
        SearchRequest request = SearchRequest.of(search).withPreferences(profile.stage(), profile.sector());
        if (profile.place() != null && Places.get().findIn(message).isEmpty()) {
            request = request.withTerritory(profile.place());
        }
        return request;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static List<String> contentWords(String normalized) {
        List<String> words = new ArrayList<>();
        for (String w : normalized.split(" ")) {
            if (!w.isEmpty() && !CHAT_WORDS.contains(w)) {
                words.add(w);
            }
        }
        return words;
    }

    /** "et des formations ?" after "ya des aides ?": the topic stays, the kind asked for changes. */
    private static String previousTopic(String lastSearch, String message) {
        return KindWords.named(message) ? KindWords.without(lastSearch) : lastSearch;
    }

    /** Too vague to answer well: a few generic words, and the profile does not say enough. */
    private static boolean isVague(String search, Profile profile) {
        List<String> words = contentWords(FrenchText.normalize(search));
        boolean generic = words.size() <= 4 && words.stream().allMatch(GENERIC_WORDS::contains);
        return generic && (profile.stage() == null || profile.sector() == null);
    }

    private static String clarifyingQuestion(Profile profile) {
        if (profile.stage() == null) {
            return "Pour bien vous orienter : où en êtes-vous ? Une idée ou un projet, une création en cours, "
                    + "une entreprise de moins de 3 ans, une entreprise qui se développe, une reprise ?";
        }
        return "Dans quel secteur êtes-vous (commerce, artisanat, restauration, industrie, services, transport…) "
                + "et dans quelle commune ?";
    }

    /** A follow-up about the entries just shown: price, dates, how to apply. */
    private Reply details(Conversation c, String normalized) {
        StringBuilder text = new StringBuilder();
        for (Entry e : c.lastEntries) {
            text.append(text.isEmpty() ? "" : "\n").append("• ").append(e.title()).append(" : ");
            if (normalized.matches(".*\\b(comment|inscri\\w*|postule\\w*|candidate\\w*|demander|lien|site|acceder)\\b.*")) {
                text.append(e.howToApply() != null ? Cards.firstSentences(e.howToApply(), 300)
                        : "les démarches ne sont pas précisées dans le catalogue");
                if (e.url() != null) {
                    text.append(" ").append(e.url());
                }
            } else if (e.kind() == EntryKind.TRAINING) {
                text.append(Cards.trainingFacts(e, today()));
            } else {
                text.append(e.benefit() != null ? Cards.firstSentences(e.benefit(), 300)
                        : "le catalogue ne précise pas de montant");
            }
        }
        c.add(new TranscriptLine(clock.instant(), TranscriptLine.GUICHET, text.toString()));
        List<Card> cards = c.lastEntries.stream().map(e -> Cards.card(e, today())).toList();
        return new Reply(text.toString(), cards, suggestions(c.lastEntries), HandoffDecision.NONE, Optional.empty());
    }

    private static List<String> suggestions(List<Entry> shown) {
        List<String> s = new ArrayList<>();
        if (!shown.isEmpty()) {
            s.add(shown.get(0).kind() == EntryKind.TRAINING ? "C'est combien et quand ?" : "Comment en bénéficier ?");
            if (shown.stream().noneMatch(e -> e.kind() == EntryKind.TRAINING)) {
                s.add("Y a-t-il une formation sur ce sujet ?");
            }
        }
        s.add("Parler à un conseiller");
        return s.subList(0, Math.min(3, s.size()));
    }

    /** The theme of a case: what its words say, else what the catalogue found, else the stage. */
    private static Theme domainOf(SearchResult result, String text, Profile profile) {
        Optional<Theme> hint = HandoffPolicy.themeHint(FrenchText.normalize(text));
        if (hint.isPresent()) {
            return hint.get();
        }
        if (!result.hits().isEmpty() && result.topConfidence() >= SHOW_FLOOR) {
            return result.hits().get(0).entry().domain();
        }
        if (profile.stage() == Stage.DIFFICULTE) {
            return Theme.DIFFICULTES;
        }
        if (profile.stage() == Stage.TRANSMISSION_REPRISE) {
            return Theme.REPRISE_TRANSMISSION;
        }
        return Theme.CREATION;
    }

    private static Optional<Place> place(Profile profile, SearchResult result) {
        return result.place().or(() -> profile.place() == null ? Optional.empty() : Places.get().area(profile.place()));
    }

    private String proposalText(HandoffDecision decision, Adviser adviser) {
        String why = switch (decision.reason()) {
            case EXPLICIT_REQUEST -> "Je peux transmettre votre demande à un conseiller.";
            case LOW_CONFIDENCE, UNHELPFUL_ANSWERS -> "Un conseiller pourra mieux vous répondre.";
            default -> "Votre situation mérite l'attention d'un conseiller (" + decision.reason().label() + ").";
        };
        return why + " " + adviser.name() + ", " + adviser.role() + ", peut vous recontacter " + contactDelay
                + ". Voulez-vous lui transmettre votre demande ?";
    }

    // ---- handoff ------------------------------------------------------------------------

    /** An explicit ask for a human (button, command): proposes the adviser, nothing stored yet. */
    public Reply requestAdviser(String conversationId, String userId) {
        Conversation c = memory.get(conversationId, userId);
        synchronized (c) {
            HandoffDecision decision = c.pendingHandoff.needed() ? c.pendingHandoff
                    : HandoffDecision.to(domainFor(c), HandoffReason.EXPLICIT_REQUEST, null);
            c.pendingHandoff = decision;
            AdviserRouter.Routing routing = router.route(decision.domain(), profilePlace(c));
            return new Reply(proposalText(decision, routing.adviser()), List.of(), List.of(), decision, Optional.of(routing));
        }
    }

    private Theme domainFor(Conversation c) {
        if (!c.lastEntries.isEmpty()) {
            return c.lastEntries.get(0).domain();
        }
        String history = c.turns.stream().filter(t -> t.speaker().equals(TranscriptLine.ENTREPRENEUR))
                .map(TranscriptLine::text).reduce("", (a, b) -> a + " " + b);
        return domainOf(new SearchResult(List.of(), Optional.empty()), history, c.profile);
    }

    private static Optional<Place> profilePlace(Conversation c) {
        return c.profile.place() == null ? Optional.empty() : Places.get().area(c.profile.place());
    }

    /** What a channel tells the entrepreneur once the case is stored. */
    public record HandoffOutcome(HandoffCase handoffCase, Adviser adviser, String message) {
    }

    /**
     * Stores the case (before anyone is told it exists), then notifies the adviser.
     *
     * @param contact how to reach the entrepreneur; kept only with consent, may be null
     * @throws fr.guichet.bot.handoff.StoreException when the case could not be stored: tell the user, do not claim success
     */
    public HandoffOutcome openCase(String conversationId, String userId, Contact contact) {
        Conversation c = memory.get(conversationId, userId);
        synchronized (c) {
            HandoffDecision decision = c.pendingHandoff.needed() ? c.pendingHandoff
                    : HandoffDecision.to(domainFor(c), HandoffReason.EXPLICIT_REQUEST, null);
            AdviserRouter.Routing routing = router.route(decision.domain(), profilePlace(c));
            String reason = decision.reason().label() + (decision.detail() != null ? " (" + decision.detail() + ")" : "");
            HandoffCase stored = cases.create(new NewCase(userId, contact, decision.domain(), routing.adviser().id(),
                    routing.backup().id(), reason, c.turns, c.lastEntries.stream().map(Entry::id).toList()));
            c.pendingHandoff = HandoffDecision.NONE;
            try {
                notifier.caseOpened(stored, routing.adviser());
            } catch (RuntimeException e) {
                // the case is stored: reminders and the advisers' list will surface it
                LOG.warn("case {} stored but the adviser could not be notified ({})", stored.id(), e.getClass().getSimpleName());
            }
            String message = "C'est transmis. " + routing.adviser().name() + ", " + routing.adviser().role()
                    + ", vous recontactera " + contactDelay + ". Référence de votre demande : " + stored.id() + ".";
            c.add(new TranscriptLine(clock.instant(), TranscriptLine.GUICHET, message));
            return new HandoffOutcome(stored, routing.adviser(), message);
        }
    }

    // ---- feedback, profile, privacy ----------------------------------------------------------

    /**
     * 👍 or 👎 on the last reply. A second unhelpful reply in a row proposes an adviser.
     */
    public Optional<Reply> feedback(String conversationId, String userId, boolean helpful) {
        Conversation c = memory.get(conversationId, userId);
        synchronized (c) {
            feedback.recordFeedback(new Feedback(clock.instant(), userId, conversationId,
                    c.lastQuestion == null ? "" : c.lastQuestion, c.lastEntries.stream().map(Entry::id).toList(), helpful));
            if (c.unhelpful.isEmpty()) {
                c.unhelpful.add(!helpful);
            } else {
                c.unhelpful.set(c.unhelpful.size() - 1, !helpful);
            }
            if (!helpful && c.unhelpfulStreak() >= 2) {
                c.pendingHandoff = HandoffDecision.to(domainFor(c), HandoffReason.UNHELPFUL_ANSWERS, null);
                return Optional.of(requestAdviser(conversationId, userId));
            }
            return Optional.empty();
        }
    }

    public Profile profile(String conversationId, String userId) {
        Conversation c = memory.get(conversationId, userId);
        synchronized (c) {
            return c.profile;
        }
    }

    /** Erases what is kept about a user: live conversations, feedback, contact and transcripts of their cases. */
    public int forget(String userId) {
        return memory.forgetUser(userId) + feedback.forgetEntrepreneur(userId) + cases.forgetEntrepreneur(userId);
    }

    /** Drops conversations silent beyond the memory limit. */
    public int evictIdleConversations() {
        return memory.evictIdle();
    }
}
