package fr.guichet.bot.assistant;

import fr.guichet.bot.feedback.Feedback;
import fr.guichet.bot.feedback.FeedbackStore;
import fr.guichet.bot.feedback.UnansweredQuestion;
import fr.guichet.bot.handoff.AdviserNotifier;
import fr.guichet.bot.handoff.AdviserRouter;
import fr.guichet.bot.handoff.Contact;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.bot.handoff.HandoffDecision;
import fr.guichet.bot.handoff.HandoffJudge;
import fr.guichet.bot.handoff.HandoffReason;
import fr.guichet.bot.handoff.HandoffStore;
import fr.guichet.bot.handoff.NewCase;
import fr.guichet.bot.handoff.Situation;
import fr.guichet.bot.handoff.TranscriptLine;
import fr.guichet.bot.report.AnsweredQuestion;
import fr.guichet.bot.report.AskedKind;
import fr.guichet.bot.report.Channel;
import fr.guichet.bot.report.Outcome;
import fr.guichet.bot.report.QuestionLog;
import fr.guichet.knowledge.catalogue.Adviser;
import fr.guichet.knowledge.catalogue.Entry;
import fr.guichet.knowledge.catalogue.Stage;
import fr.guichet.knowledge.catalogue.Theme;
import fr.guichet.knowledge.search.Hit;
import fr.guichet.knowledge.search.KindWords;
import fr.guichet.knowledge.search.Retriever;
import fr.guichet.knowledge.search.SearchRequest;
import fr.guichet.knowledge.search.SearchResult;
import fr.guichet.knowledge.text.Amounts;
import fr.guichet.knowledge.text.Place;
import fr.guichet.knowledge.text.Places;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assistant core, shared by every channel: given a conversation, a user and a message,
 * it reads the turn with what came before ({@link TurnReader}), answers from the catalogue,
 * remembers the need, and hands the cases a machine should not settle to a named adviser.
 * It knows nothing of Discord. The conversation's lock is never held while an LLM composes
 * an answer or an adviser is notified.
 */
public final class Assistant {
    private static final Logger LOG = LoggerFactory.getLogger(Assistant.class);
    public static final int MAX_MESSAGE_CHARS = 4000;
    private static final int SHOWN = 3;
    /**
     * At or below this confidence, half the question or less was found: the entries are shown as the
     * nearest ones, not as the answer.
     */
    private static final double PARTIAL_MATCH = 0.5;
    /** Below this confidence an entry shares a word or two with the question and answers no part of it: not shown. */
    private static final double SHOWN_FLOOR = 0.3;
    /** …or this, for what the model reads as an ordinary question (at least {@link #ORDINARY} sure). */
    private static final double SHOWN_FLOOR_ORDINARY = 0.15;
    private static final double ORDINARY = 0.6;
    /** From this confidence a short message is answered on its own, a new need rather than a detail of the last. */
    private static final double STANDS_ALONE = 0.6;

    private final Retriever retriever;
    private final Answerer answerer;
    private final Answerer fallback = new ExtractiveAnswerer();
    private final HandoffJudge judge;
    private final TurnReader reader;
    private final AdviserRouter router;
    private final HandoffStore cases;
    private final FeedbackStore feedback;
    private final AdviserNotifier notifier;
    private final QuestionLog questions;
    private final ProfileExtractor extractor = new ProfileExtractor();
    private final ConversationMemory memory;
    private final Clock clock;
    private final String contactDelay;

    private Assistant(Builder b) {
        this.retriever = b.retriever;
        this.answerer = b.answerer;
        this.judge = b.judge != null ? b.judge : HandoffJudge.standard();
        this.reader = new TurnReader(judge);
        this.router = b.router;
        this.cases = b.cases;
        this.feedback = b.feedback;
        this.notifier = b.notifier;
        this.questions = b.questions;
        this.clock = b.clock;
        this.memory = new ConversationMemory(b.memoryIdle, b.clock);
        this.contactDelay = b.contactDelay;
    }

    public static Builder builder(Retriever retriever, AdviserRouter router, HandoffStore cases, FeedbackStore feedback) {
        return new Builder(retriever, router, cases, feedback);
    }

    /** The parts an assistant needs; the optional ones have defaults. */
    public static final class Builder {
        private final Retriever retriever;
        private final AdviserRouter router;
        private final HandoffStore cases;
        private final FeedbackStore feedback;
        private Answerer answerer = new ExtractiveAnswerer();
        private HandoffJudge judge;
        private AdviserNotifier notifier = AdviserNotifier.NONE;
        private QuestionLog questions = QuestionLog.NONE;
        private Clock clock = Clock.systemDefaultZone();
        private Duration memoryIdle = Duration.ofHours(2);
        private String contactDelay = "sous 4 heures ouvrées (du lundi au vendredi)";

        private Builder(Retriever retriever, AdviserRouter router, HandoffStore cases, FeedbackStore feedback) {
            this.retriever = retriever;
            this.router = router;
            this.cases = cases;
            this.feedback = feedback;
        }

        public Builder answerer(Answerer value) {
            this.answerer = value;
            return this;
        }

        /** Default: the models trained on the bundled corpus and a large project from 500,000 €. */
        public Builder judge(HandoffJudge value) {
            this.judge = value;
            return this;
        }

        public Builder notifier(AdviserNotifier value) {
            this.notifier = value;
            return this;
        }

        /** Where each answered question is counted, anonymously, for the CCI's report. Default: nowhere. */
        public Builder questionLog(QuestionLog value) {
            this.questions = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** Conversations silent for longer are forgotten. */
        public Builder memoryIdle(Duration value) {
            this.memoryIdle = value;
            return this;
        }

        /** When the adviser will get back to the entrepreneur, in words ("sous 4 heures ouvrées"). */
        public Builder contactDelay(String value) {
            this.contactDelay = value;
            return this;
        }

        public Assistant build() {
            return new Assistant(this);
        }
    }

    // ---- a message ------------------------------------------------------------------------------

    /** Answers one message of a conversation held in the console. */
    public Reply handle(String conversationId, String userId, String message) {
        return handle(conversationId, userId, message, Channel.CONSOLE);
    }

    /** Answers one message of a conversation; the channel is counted with the question, nothing else of it. */
    public Reply handle(String conversationId, String userId, String message, Channel channel) {
        Instant start = clock.instant();
        String text = message == null ? "" : message.strip();
        if (text.isEmpty()) {
            return Reply.text(Replies.EMPTY);
        }
        if (text.length() > MAX_MESSAGE_CHARS) {
            return Reply.text(Replies.tooLong(text.length(), MAX_MESSAGE_CHARS));
        }
        Conversation c = memory.get(conversationId, userId);
        Draft draft;
        synchronized (c) {
            c.add(new TranscriptLine(clock.instant(), TranscriptLine.ENTREPRENEUR, text));
            Profile told = extractor.extract(text);
            c.profile = c.profile.merge(told);
            draft = respond(c, text, reader.read(c, text, told));
        }
        // the answer is composed outside the lock: an LLM may take seconds, and 👍 or /profil must not wait for it
        Answer answer = draft.request == null ? null : safely(draft.request);
        Reply reply;
        synchronized (c) {
            reply = draft.finish(answer, c);
            c.add(new TranscriptLine(clock.instant(), TranscriptLine.GUICHET, reply.text()));
        }
        if (draft.counted()) {
            long row = count(start, channel, draft, reply, answer != null && answer.fromLlm());
            synchronized (c) {
                c.lastQuestionRow = row;
            }
        }
        return reply;
    }

    /** One anonymous row for the CCI's report: what was asked, what came of it. Never fails the reply. */
    private long count(Instant start, Channel channel, Draft draft, Reply reply, boolean llm) {
        try {
            List<Theme> themes = reply.cards().stream().map(Card::entryId).map(id -> shownEntry(id, draft))
                    .filter(java.util.Objects::nonNull).flatMap(e -> e.themes().stream()).distinct().toList();
            Outcome outcome = reply.handoff().needed() ? Outcome.HANDED_OFF
                    : reply.cards().isEmpty() ? Outcome.NOTHING_FOUND
                    : draft.partial ? Outcome.PARTIAL : Outcome.ANSWERED;
            if (themes.isEmpty() && reply.handoff().needed() && reply.handoff().domain() != null) {
                themes = List.of(reply.handoff().domain());
            }
            return questions.record(new AnsweredQuestion(start, channel, AskedKind.of(KindWords.askedIn(draft.searched)),
                    themes, reply.cards().stream().map(Card::entryId).toList(), outcome,
                    outcome == Outcome.HANDED_OFF ? reply.handoff().reason() : null,
                    Duration.between(start, clock.instant()).abs(), llm));
        } catch (RuntimeException e) {
            LOG.warn("question not counted ({})", e.getClass().getSimpleName());
            return 0;
        }
    }

    private static Entry shownEntry(String id, Draft draft) {
        return draft.shown.stream().filter(e -> e.id().equals(id)).findFirst().orElse(null);
    }

    /**
     * A reply being prepared: either complete, or waiting for the answerer to compose the text
     * about the entries found; {@link #finish} then records what was shown and adds the offer
     * of an adviser. A draft that answers a question ({@code searched} set) is counted for the
     * CCI's report.
     */
    private final class Draft {
        private final Reply ready;
        private final AnswerRequest request;
        private final boolean partial;
        private HandoffDecision decision;
        /** What was looked for, when the turn asked the catalogue something; null for greetings and the like. */
        private final String searched;
        /** The entries the reply may show. */
        private final List<Entry> shown;

        /** A reply that answers no question (a greeting, a clarifying question, a goodbye). */
        private Draft(Reply ready) {
            this(ready, null, List.of());
        }

        /** A complete reply to a question (an adviser offered, details of what was shown). */
        private Draft(Reply ready, String searched, List<Entry> shown) {
            this.ready = ready;
            this.request = null;
            this.partial = false;
            this.decision = HandoffDecision.NONE;
            this.searched = searched;
            this.shown = shown;
        }

        private Draft(AnswerRequest request, boolean partial, HandoffDecision decision, String searched) {
            this.ready = null;
            this.request = request;
            this.partial = partial;
            this.decision = decision;
            this.searched = searched;
            this.shown = request.entries();
        }

        boolean counted() {
            return searched != null;
        }

        Reply finish(Answer answer, Conversation c) {
            if (ready != null) {
                return ready;
            }
            if (answer.complex() && !decision.needed()) {
                decision = HandoffDecision.to(null, HandoffReason.COMPLEX_CASE, null);
            }
            List<Entry> cited = request.entries().stream().filter(e -> answer.citedIds().contains(e.id())).toList();
            c.lastEntries = cited;
            List<Card> cards = cited.stream().map(e -> Cards.card(e, today())).toList();
            String text = partial && !cited.isEmpty() ? Replies.NEAREST + answer.text() : answer.text();
            if (decision.needed()) {
                return offer(c, text, cards, decision.domain() != null ? decision
                        : decision.withDomain(domainOfNeed(c, c.topic, decision.reason())));
            }
            return new Reply(text, cards, Replies.suggestions(cited), HandoffDecision.NONE, Optional.empty());
        }
    }

    private Draft respond(Conversation c, String text, TurnReader.Turn turn) {
        switch (turn.act()) {
            case GREET -> {
                return new Draft(Reply.text(Replies.HELLO + Replies.clarifyingQuestion(c.profile)));
            }
            case CLARIFY -> {
                return new Draft(Reply.text(Replies.clarifyingQuestion(c.profile)));
            }
            case CLOSE -> {
                c.pendingHandoff = HandoffDecision.NONE;
                return new Draft(Reply.text(Replies.CLOSE));
            }
            case REJECT -> {
                return new Draft(rejected(c));
            }
            case DETAILS -> {
                return new Draft(details(c, text), text, c.lastEntries);
            }
            default -> {
                return search(c, text, turn);
            }
        }
    }

    /** Looks for the need in the catalogue; hands off when the turn needs a person or nothing answers. */
    private Draft search(Conversation c, String text, TurnReader.Turn turn) {
        SearchResult result = retriever.search(request(turn.search(), text, c.profile));
        if (turn.mayContinue() && result.topConfidence() > 0 && result.topConfidence() < STANDS_ALONE) {
            // a short message whose words the catalogue knows but cannot answer alone adds to the need:
            // « avec 3 scooters électriques »; words it does not know at all are no detail of it
            turn = turn.continuing();
            result = retriever.search(request(turn.search(), text, c.profile));
        }
        // a sum named earlier counts with the turns that add to that need, not with a new one or a thank-you
        HandoffDecision decision = judge.decide(text, turn.scores(), turn.continues() ? c.amountSoFar() : BigDecimal.ZERO,
                result, !turn.detailOnly());
        // a long message dilutes what its need is found with: an ordinary question, as the model reads it, shows less sure entries
        double floor = turn.scores().of(Situation.QUESTION) + turn.scores().of(Situation.TRAINING) >= ORDINARY
                ? SHOWN_FLOOR_ORDINARY : SHOWN_FLOOR;
        List<Entry> entries = result.hits().stream().filter(h -> h.confidence() >= floor).limit(SHOWN)
                .map(Hit::entry).toList();
        if (!decision.needed() && entries.isEmpty()) {
            decision = HandoffDecision.to(null, HandoffReason.NO_ANSWER, null); // only words in passing were found
        }
        if (decision.needed() && decision.domain() == null) {
            decision = decision.withDomain(domainOf(c, text, turn, result, decision.reason()));
        }
        Amounts.largestProject(text).ifPresent(a -> c.projectAmount = c.projectAmount.max(a));
        c.largeProjectOffered |= decision.reason() == HandoffReason.LARGE_PROJECT;
        c.lastQuestion = text;
        // « je veux un rendez-vous » after a question: the need stays the question's
        boolean bareRequest = decision.needed() && c.topic != null && !turn.continues() && !ownSubject(turn);
        if (!bareRequest) {
            c.topic = turn.search();
        }
        if (!decision.needed() && result.generic() && !turn.continues() && !c.profile.isComplete()) {
            // « une aide pour ma boîte »: every word fits half the catalogue; ask about the need instead of guessing
            c.lastEntries = List.of();
            return new Draft(Reply.text(Replies.clarifyingQuestion(c.profile)));
        }
        if (decision.reason() == HandoffReason.NO_ANSWER) {
            recordUnanswered(c, text);
        }
        // a request for a person, or a question the catalogue does not answer, needs no list of entries
        boolean showEntries = !decision.needed() || !(decision.reason() == HandoffReason.EXPLICIT_REQUEST
                || decision.reason() == HandoffReason.NO_ANSWER) && result.topConfidence() > PARTIAL_MATCH;
        if (!showEntries || entries.isEmpty()) {
            if (!bareRequest) {
                c.lastEntries = List.of();
            }
            return new Draft(offer(c, "", List.of(), decision), turn.search(), List.of());
        }
        return new Draft(new AnswerRequest(text, entries, c.profile, today()), result.topConfidence() <= PARTIAL_MATCH,
                decision, turn.search());
    }

    /**
     * The domain of the advisers for this turn: the message's own subject; else the subject of
     * the need it continues (« je peux avoir un rendez-vous ? » after an export question is an
     * export case).
     */
    private Theme domainOf(Conversation c, String text, TurnReader.Turn turn, SearchResult result, HandoffReason reason) {
        if (c.topic == null || !turn.continues() && ownSubject(turn)) {
            return judge.domainOf(text, result, unclearDomain(c, reason));
        }
        return domainOfNeed(c, turn.continues() ? turn.search() : c.topic, reason);
    }

    /** True when a message names its own subject: more than a request for a person or a reaction. */
    private static boolean ownSubject(TurnReader.Turn turn) {
        Situation s = turn.scores().best();
        return s != Situation.ASK_PERSON && s != Situation.REJECTION && s != Situation.VAGUE
                && TurnReader.contentWords(turn.search()).size() > 3;
    }

    /** The domain of a need's words: what they say, with the themes of what the catalogue finds for them. */
    private Theme domainOfNeed(Conversation c, String subject, HandoffReason reason) {
        String words = subject != null ? subject : c.topic != null ? c.topic : c.entrepreneurWords();
        return judge.domainOf(words, retriever.search(request(words, words, c.profile)), unclearDomain(c, reason));
    }

    /**
     * When nothing said tells the subject: a large project or several aids to combine are a
     * financing plan; otherwise what the profile says of the company, else a first contact.
     */
    private static Theme unclearDomain(Conversation c, HandoffReason reason) {
        if (reason == HandoffReason.LARGE_PROJECT || reason == HandoffReason.COMBINED_AIDS) {
            return Theme.FINANCEMENT;
        }
        if (c.profile.stage() == Stage.DIFFICULTE) {
            return Theme.DIFFICULTES;
        }
        if (c.profile.stage() == Stage.TRANSMISSION_REPRISE) {
            return Theme.REPRISE_TRANSMISSION;
        }
        return Theme.CREATION;
    }

    private void recordUnanswered(Conversation c, String text) {
        try {
            feedback.recordUnanswered(new UnansweredQuestion(clock.instant(), c.userId, text));
        } catch (RuntimeException e) {
            // the question is still answered; the record of what the catalogue lacks misses one line
            LOG.warn("unanswered question not recorded ({})", e.getClass().getSimpleName());
        }
    }

    /** The reply offering an adviser, after what was found (if anything): remembered until accepted. */
    private Reply offer(Conversation c, String found, List<Card> cards, HandoffDecision decision) {
        c.pendingHandoff = decision;
        c.rejections = 0;
        AdviserRouter.Routing routing = router.route(decision.domain(), place(c));
        String proposal = Replies.proposal(decision, routing, contactDelay);
        return new Reply(found.isBlank() ? proposal : found + "\n\n" + proposal, cards, List.of("Parler à un conseiller"),
                decision, Optional.of(routing));
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

    /** « Ce n'est pas ça »: like a 👎; the second time, an adviser for the subject of the conversation. */
    private Reply rejected(Conversation c) {
        recordFeedback(c, false);
        c.rejections++;
        if (c.rejections >= 2) {
            HandoffDecision decision = HandoffDecision.to(domainOfNeed(c, null, HandoffReason.UNHELPFUL_ANSWERS), HandoffReason.UNHELPFUL_ANSWERS, null);
            return offer(c, "", List.of(), decision);
        }
        c.lastEntries = List.of();
        return Reply.text(Replies.rejected());
    }

    /** The 👍/👎 on the anonymous row of the last question. Never fails the reply. */
    private void rate(Conversation c, boolean helpful) {
        long row;
        synchronized (c) {
            row = c.lastQuestionRow;
        }
        if (row > 0) {
            try {
                questions.rate(row, helpful);
            } catch (RuntimeException e) {
                LOG.warn("rating not counted ({})", e.getClass().getSimpleName());
            }
        }
    }

    private void recordFeedback(Conversation c, boolean helpful) {
        rate(c, helpful);
        try {
            feedback.recordFeedback(new Feedback(clock.instant(), c.userId, c.id,
                    c.lastQuestion == null ? "" : c.lastQuestion, c.lastEntries.stream().map(Entry::id).toList(), helpful));
        } catch (RuntimeException e) {
            LOG.warn("feedback not recorded ({})", e.getClass().getSimpleName());
        }
    }

    /** A follow-up about the entries just shown: price, dates, how to apply. */
    private Reply details(Conversation c, String message) {
        List<Card> cards = c.lastEntries.stream().map(e -> Cards.card(e, today())).toList();
        return new Reply(Replies.details(c.lastEntries, message, today()), cards, Replies.suggestions(c.lastEntries),
                HandoffDecision.NONE, Optional.empty());
    }

    private static Optional<Place> place(Conversation c) {
        return c.profile.place() == null ? Optional.empty() : Places.get().area(c.profile.place());
    }

    // ---- handoff ------------------------------------------------------------------------

    /** An explicit ask for a human (button, command): proposes the adviser, nothing stored yet. */
    public Reply requestAdviser(String conversationId, String userId) {
        Conversation c = memory.get(conversationId, userId);
        synchronized (c) {
            HandoffDecision decision = c.pendingHandoff.needed() ? c.pendingHandoff
                    : HandoffDecision.to(domainOfNeed(c, null, HandoffReason.EXPLICIT_REQUEST), HandoffReason.EXPLICIT_REQUEST, null);
            c.pendingHandoff = decision;
            AdviserRouter.Routing routing = router.route(decision.domain(), place(c));
            return new Reply(Replies.proposal(decision, routing, contactDelay), List.of(), List.of(), decision,
                    Optional.of(routing));
        }
    }

    /** What a channel tells the entrepreneur once the case is stored. */
    public record HandoffOutcome(HandoffCase handoffCase, Adviser adviser, String message) {
    }

    /**
     * Stores the case (before anyone is told it exists), then notifies the adviser, outside the
     * conversation's lock (a notification goes over the network).
     *
     * @param contact how to reach the entrepreneur; kept only with consent, may be null
     * @throws fr.guichet.bot.handoff.StoreException when the case could not be stored: tell the user, do not claim success
     */
    public HandoffOutcome openCase(String conversationId, String userId, Contact contact) {
        Conversation c = memory.get(conversationId, userId);
        HandoffCase stored;
        AdviserRouter.Routing routing;
        synchronized (c) {
            HandoffDecision decision = c.pendingHandoff.needed() ? c.pendingHandoff
                    : HandoffDecision.to(domainOfNeed(c, null, HandoffReason.EXPLICIT_REQUEST), HandoffReason.EXPLICIT_REQUEST, null);
            routing = router.route(decision.domain(), place(c));
            String reason = decision.reason().label() + (decision.detail() != null ? " (" + decision.detail() + ")" : "");
            stored = cases.create(new NewCase(userId, contact, decision.domain(), routing.adviser().id(),
                    routing.backup().id(), reason, c.turns, c.lastEntries.stream().map(Entry::id).toList()));
            c.pendingHandoff = HandoffDecision.NONE;
            c.turns.clear(); // the next case of this conversation carries its own exchange, not this one again
        }
        try {
            notifier.caseOpened(stored, routing.adviser());
        } catch (RuntimeException e) {
            // the case is stored: reminders and the advisers' list will surface it
            LOG.warn("case {} stored but the adviser could not be notified ({})", stored.id(), e.getClass().getSimpleName());
        }
        String message = Replies.caseOpened(routing, contactDelay, stored.id());
        return new HandoffOutcome(stored, routing.adviser(), message);
    }

    // ---- feedback, profile, privacy ----------------------------------------------------------

    /**
     * 👍 or 👎 on the last reply. A second unhelpful answer proposes an adviser. The click counts
     * even when it cannot be stored; the store's failure is then thrown, for the channel to say so.
     *
     * @throws fr.guichet.bot.handoff.StoreException when the opinion could not be stored
     */
    public Optional<Reply> feedback(String conversationId, String userId, boolean helpful) {
        Conversation c = memory.get(conversationId, userId);
        Optional<Reply> proposal = Optional.empty();
        Feedback opinion;
        synchronized (c) {
            opinion = new Feedback(clock.instant(), userId, conversationId, c.lastQuestion == null ? "" : c.lastQuestion,
                    c.lastEntries.stream().map(Entry::id).toList(), helpful);
            if (!helpful && ++c.rejections >= 2) {
                HandoffDecision decision = HandoffDecision.to(domainOfNeed(c, null, HandoffReason.UNHELPFUL_ANSWERS), HandoffReason.UNHELPFUL_ANSWERS, null);
                c.pendingHandoff = decision;
                c.rejections = 0;
                AdviserRouter.Routing routing = router.route(decision.domain(), place(c));
                proposal = Optional.of(new Reply(Replies.proposal(decision, routing, contactDelay), List.of(),
                        List.of(), decision, Optional.of(routing)));
            }
        }
        rate(c, helpful);
        feedback.recordFeedback(opinion);
        return proposal;
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
