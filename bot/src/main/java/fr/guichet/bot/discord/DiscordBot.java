package fr.guichet.bot.discord;

import fr.guichet.bot.assistant.Assistant;
import fr.guichet.bot.assistant.Reply;
import fr.guichet.bot.discord.Interactions.Ack;
import fr.guichet.bot.handoff.CaseState;
import fr.guichet.bot.report.Channel;
import fr.guichet.bot.handoff.Contact;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.bot.handoff.HandoffStore;
import fr.guichet.bot.handoff.StoreException;
import fr.guichet.bot.handoff.YesNo;
import fr.guichet.bot.privacy.Forgetting;
import fr.guichet.bot.report.QuestionLog;
import fr.guichet.knowledge.catalogue.Adviser;
import fr.guichet.knowledge.catalogue.Catalogue;
import fr.guichet.knowledge.catalogue.Entry;
import fr.guichet.knowledge.catalogue.EntryKind;
import fr.guichet.knowledge.catalogue.Theme;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Supplier;
import org.javacord.api.DiscordApi;
import org.javacord.api.entity.DiscordEntity;
import org.javacord.api.entity.channel.ChannelType;
import org.javacord.api.entity.channel.TextChannel;
import org.javacord.api.entity.message.Message;
import org.javacord.api.entity.message.MessageAuthor;
import org.javacord.api.entity.message.MessageBuilder;
import org.javacord.api.entity.message.component.SelectMenuOption;
import org.javacord.api.entity.permission.PermissionType;
import org.javacord.api.interaction.ButtonInteraction;
import org.javacord.api.interaction.InteractionBase;
import org.javacord.api.interaction.ModalInteraction;
import org.javacord.api.interaction.SelectMenuInteraction;
import org.javacord.api.interaction.SlashCommand;
import org.javacord.api.interaction.SlashCommandBuilder;
import org.javacord.api.interaction.SlashCommandInteraction;
import org.javacord.api.interaction.SlashCommandOption;
import org.javacord.api.interaction.SlashCommandOptionChoice;
import org.javacord.api.interaction.SlashCommandOptionType;
import org.javacord.api.interaction.callback.InteractionOriginalResponseUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guichet on Discord, entrepreneur's side: the slash commands, mentions of the bot, direct
 * messages, the buttons under answers and the handoff form. Advisers' buttons and commands
 * go to {@link AdviserDesk}. Javacord's threads are never blocked: each interaction is
 * acknowledged on Guichet's acknowledging executor, within Discord's 3 seconds whatever else
 * is running, and only then answered on the working executor (a virtual thread per event,
 * so that no event waits for another's), with at most
 * {@code answering} assistant calls (which may call the language model) at a time. No
 * handler lets anything out, an Error included: a failure is logged (without what the user
 * wrote) and the user gets a polite message unless the interaction is gone.
 */
public final class DiscordBot {
    private static final Logger LOG = LoggerFactory.getLogger(DiscordBot.class);

    /** Longest message accepted from a user, in characters: Discord's own limit for a message. */
    public static final int MAX_INPUT = DiscordLimits.CONTENT;
    public static final String MODAL = "g:handoff-modal";
    static final String NAME = "nom";
    static final String COMPANY = "entreprise";
    static final String REACH = "contact";
    static final String CONSENT = "consentement";
    /** Prefix of a component id bound to the user it was shown to (buttons under a public reply). */
    static final String OWNER = "o:";
    /** Handoff forms a user may send per hour (an open case is reused anyway). */
    static final int FORMS_PER_HOUR = 3;
    private static final Duration REPORT_EVERY = Duration.ofHours(1);

    private final Assistant assistant;
    private final Forgetting forgetting;
    private final Supplier<Catalogue> catalogue;
    private final HandoffStore cases;
    private final Supplier<ReplyRenderer> renderer;
    private final RateLimiter limiter;
    private final RateLimiter forms;
    private final AdviserDesk desk;
    private final DiscordNotifier notifier;
    private final Interactions out;
    private final Executor executor;
    private final Executor working;
    private final Semaphore answering;
    private final Clock clock;
    private final long staffChannelId;
    private final Map<Long, Instant> reported = new ConcurrentHashMap<>();
    private volatile long botUserId;

    /** How Guichet reaches Discord: its own callbacks, then Javacord's builders. Tests give mocks. */
    public record Outbound(Callbacks callbacks, Supplier<MessageBuilder> builders,
                           Function<InteractionBase, InteractionOriginalResponseUpdater> updaters, Duration timeout) {
    }

    /**
     * @param executor  receives each event and acknowledges it (production: platform threads, which the
     *                  system schedules fairly however busy the answers keep the processors)
     * @param working   computes and sends the answers (production: a virtual thread per event)
     * @param answering bounds the assistant calls running at once (the language model's load)
     * @param questions the question log the assistant records into, read by /statistiques
     * @param forgetting what /oublier does (the same on every channel)
     */
    public DiscordBot(Assistant assistant, Catalogue catalogue, HandoffStore cases, QuestionLog questions,
                      Forgetting forgetting, DiscordNotifier notifier,
                      ReplyRenderer renderer, RateLimiter limiter, long adviserRoleId, long staffChannelId,
                      Executor executor, Executor working, Semaphore answering, Outbound outbound, Clock clock) {
        this(assistant, () -> catalogue, cases, questions, forgetting, notifier, () -> renderer, limiter, adviserRoleId,
                staffChannelId, executor, working, answering, outbound, clock);
    }

    /**
     * @param catalogue the catalogue being served, read at each listing or detail (it may be reloaded while the bot runs)
     * @param renderer  the renderer of the catalogue being served (its footer names the catalogue's review date)
     */
    public DiscordBot(Assistant assistant, Supplier<Catalogue> catalogue, HandoffStore cases, QuestionLog questions,
                      Forgetting forgetting, DiscordNotifier notifier, Supplier<ReplyRenderer> renderer, RateLimiter limiter, long adviserRoleId, long staffChannelId,
                      Executor executor, Executor working, Semaphore answering, Outbound outbound, Clock clock) {
        this.assistant = assistant;
        this.forgetting = forgetting;
        this.catalogue = catalogue;
        this.cases = cases;
        this.renderer = renderer;
        this.limiter = limiter;
        this.forms = new RateLimiter(FORMS_PER_HOUR, Duration.ofHours(1), clock);
        this.notifier = notifier;
        this.executor = executor;
        this.working = working;
        this.answering = answering;
        this.clock = clock;
        this.staffChannelId = staffChannelId;
        this.out = new Interactions(outbound.callbacks(), outbound.builders(), outbound.updaters(), outbound.timeout(),
                this::reportFailure);
        this.desk = new AdviserDesk(cases, questions, () -> catalogue.get().advisersById(), notifier, out, adviserRoleId,
                working, clock);
    }

    // ---- wiring to Javacord --------------------------------------------------------------

    /**
     * Listens to the events Guichet handles, each handled on Guichet's executor, contained: whatever
     * one event throws (an Error too, such as a StackOverflowError deep in a library) is logged and
     * ends only that event's handling, never the bot.
     */
    public void attach(DiscordApi api) {
        botUserId = api.getYourself().getId();
        api.addSlashCommandCreateListener(e -> dispatch(executor, "slash command", () -> onSlash(e.getSlashCommandInteraction())));
        api.addButtonClickListener(e -> dispatch(executor, "button", () -> onButton(e.getButtonInteraction())));
        api.addSelectMenuChooseListener(e -> dispatch(executor, "select menu", () -> onSelect(e.getSelectMenuInteraction())));
        api.addModalSubmitListener(e -> dispatch(executor, "form", () -> onModal(e.getModalInteraction())));
        api.addMessageCreateListener(e -> dispatch(working, "message", () -> onMessage(e.getMessage())));
    }

    /** Runs one event's handling on {@code on}, contained; a refusal of the executor (shutting down) is logged. */
    static void dispatch(Executor on, String what, Runnable handling) {
        try {
            on.execute(() -> contained(what, handling));
        } catch (RuntimeException e) {
            LOG.warn("{}: not handled ({})", what, e.getClass().getSimpleName());
        }
    }

    /** Runs {@code handling}; whatever it throws, Errors included, is logged (class and message, never user text). */
    static void contained(String what, Runnable handling) {
        try {
            handling.run();
        } catch (Throwable t) {
            LOG.error("{}: handling failed: {}", what, Futures.describe(t));
        }
    }

    void botUserId(long id) {
        this.botUserId = id;
    }

    /**
     * The slash commands, in French. /dossiers and /statistiques are for advisers: hidden by
     * default from members without Manage Server (server admins can open them to the adviser
     * role in Server Settings › Integrations), checked again at use, and not offered in direct
     * messages.
     */
    public static Set<SlashCommandBuilder> commands() {
        List<SlashCommandOptionChoice> themes = Arrays.stream(Theme.values())
                .map(t -> SlashCommandOptionChoice.create(DiscordLimits.truncate(t.label(), 100), t.code())).toList();
        Set<SlashCommandBuilder> commands = new HashSet<>();
        commands.add(SlashCommand.with("question", "Poser une question sur les aides et formations pour votre entreprise",
                List.of(SlashCommandOption.createStringOption("texte", "Votre question, en quelques mots", true, 1, MAX_INPUT))));
        commands.add(SlashCommand.with("dispositifs", "Les aides et dispositifs du catalogue, par thème",
                List.of(SlashCommandOption.createWithChoices(SlashCommandOptionType.STRING, "thème", "Le thème", false, themes))));
        commands.add(SlashCommand.with("formations", "Les formations du catalogue, par thème",
                List.of(SlashCommandOption.createWithChoices(SlashCommandOptionType.STRING, "thème", "Le thème", false, themes))));
        commands.add(SlashCommand.with("conseiller", "Être recontacté par un conseiller de la CCI"));
        commands.add(SlashCommand.with("profil", "Ce que Guichet a compris de votre entreprise"));
        commands.add(SlashCommand.with("oublier", "Effacer ce que Guichet garde de vos échanges"));
        commands.add(SlashCommand.with("dossiers", "Conseillers : les dossiers en cours").setEnabledInDms(false)
                .setDefaultEnabledForPermissions(PermissionType.MANAGE_SERVER));
        commands.add(SlashCommand.with("statistiques", "Conseillers : les chiffres clés de Guichet et le graphique des questions",
                List.of(SlashCommandOption.createStringOption(AdviserDesk.PERIOD,
                        "30j, 7j, un mois (2026-03) ou des dates (2026-03-01..2026-03-31) ; par défaut les 30 derniers jours",
                        false, 1, AdviserDesk.PERIOD_LENGTH)))
                .setEnabledInDms(false).setDefaultEnabledForPermissions(PermissionType.MANAGE_SERVER));
        return commands;
    }

    // ---- entry points (one per kind of event) ---------------------------------------------

    static final String IN_VOICE_CHAT = "Je ne peux pas répondre dans la discussion d'un salon vocal : posez votre question "
            + "dans un salon textuel du serveur, ou écrivez-moi en message privé.";
    static final String NOT_YOURS = "Ces boutons sont pour la personne qui a posé la question. Posez la vôtre avec "
            + "`/question` : la réponse ne sera visible que par vous.";

    void onSlash(SlashCommandInteraction i) {
        String what = "/" + i.getCommandName();
        if (refusedInVoiceChat(i, what) || !out.acknowledge(i, Ack.PRIVATE, what)) {
            return;
        }
        working.execute(() -> safely(i, Ack.PRIVATE, what, () -> {
            switch (i.getCommandName()) {
                case "question" -> question(i, i.getArgumentStringValueByName("texte").orElse(""), what);
                case "dispositifs" -> listing(i, EntryKind.SCHEME);
                case "formations" -> listing(i, EntryKind.TRAINING);
                case "conseiller" -> answer(i, renderer.get().proposal(assistant.requestAdviser(conversation(i), user(i))), what);
                case "profil" -> answer(i, renderer.get().profile(assistant.profile(conversation(i), user(i))), what);
                case "oublier" -> forget(i, what);
                case "dossiers" -> desk.list(i);
                case "statistiques" -> desk.statistics(i);
                default -> answer(i, ReplyRenderer.notice("Commande inconnue."), "unknown command");
            }
        }));
    }

    /**
     * The component's id without its owner, or null when it is bound to another user (who is
     * then told so, privately).
     */
    private String ownId(InteractionBase i, String id) {
        if (!id.startsWith(OWNER)) {
            return id;
        }
        int colon = id.indexOf(':', OWNER.length());
        String owner = colon < 0 ? "" : id.substring(OWNER.length(), colon);
        if (!owner.equals(Long.toString(i.getUser().getId()))) {
            out.immediate(i, NOT_YOURS, true, "component (not the asker)");
            return null;
        }
        return id.substring(colon + 1);
    }

    void onButton(ButtonInteraction i) {
        String id = ownId(i, i.getCustomId());
        if (id == null) {
            return;
        }
        if (id.startsWith("g:case:")) {
            desk.onButton(i);
            return;
        }
        if (refusedInVoiceChat(i, "button")) {
            return;
        }
        if (id.equals(ReplyRenderer.HANDOFF)) {
            openForm(i);
            return;
        }
        if (!out.acknowledge(i, Ack.PRIVATE, "button")) {
            return;
        }
        String routed = id;
        working.execute(() -> safely(i, Ack.PRIVATE, "button", () -> {
            if (routed.equals(ReplyRenderer.HELPFUL) || routed.equals(ReplyRenderer.UNHELPFUL)) {
                Optional<Reply> proposal = assistant.feedback(conversation(i), user(i), routed.equals(ReplyRenderer.HELPFUL));
                List<DiscordMessage> messages = new ArrayList<>(ReplyRenderer.notice("Merci pour votre retour."));
                proposal.ifPresent(p -> messages.addAll(renderer.get().proposal(p)));
                answer(i, messages, "feedback");
            } else if (routed.startsWith(ReplyRenderer.MORE)) {
                details(i, routed.substring(ReplyRenderer.MORE.length()));
            } else if (routed.startsWith(ReplyRenderer.ASK)) {
                question(i, routed.substring(ReplyRenderer.ASK.length()), "suggestion");
            } else {
                answer(i, ReplyRenderer.notice("Ce bouton n'est plus actif."), "stale button");
            }
        }));
    }

    void onSelect(SelectMenuInteraction i) {
        String chosen = i.getChosenOptions().stream().map(SelectMenuOption::getValue).findFirst().orElse("");
        if (i.getCustomId().startsWith("g:case:")) {
            desk.onSelect(i, chosen);
            return;
        }
        String id = ownId(i, i.getCustomId());
        if (id == null || refusedInVoiceChat(i, "select menu") || !out.acknowledge(i, Ack.PRIVATE, "select menu")) {
            return;
        }
        working.execute(() -> safely(i, Ack.PRIVATE, "select menu", () -> {
            if (id.equals(ReplyRenderer.MORE_MENU)) {
                details(i, chosen);
            } else {
                answer(i, ReplyRenderer.notice("Ce menu n'est plus actif."), "stale menu");
            }
        }));
    }

    void onModal(ModalInteraction i) {
        if (refusedInVoiceChat(i, "handoff form") || !out.acknowledge(i, Ack.PRIVATE, "handoff form")) {
            return;
        }
        working.execute(() -> safely(i, Ack.PRIVATE, "handoff form", () -> {
            if (!i.getCustomId().equals(MODAL)) {
                answer(i, ReplyRenderer.notice("Ce formulaire n'est plus actif."), "stale form");
                return;
            }
            Optional<HandoffCase> open = openCaseOf(user(i));
            if (open.isPresent()) {
                answer(i, ReplyRenderer.notice(alreadyOpen(open.get())), "handoff form (case already open)");
                return;
            }
            if (!forms.tryAcquire(user(i))) {
                answer(i, ReplyRenderer.notice(TOO_MANY_FORMS), "handoff form (rate limited)");
                return;
            }
            String name = field(i, NAME);
            String company = field(i, COMPANY);
            String reach = field(i, REACH);
            // only a clear yes counts (« oh non merci » is a no, « oui enfin non » unclear); the form cannot
            // ask again, so anything unclear keeps no contact, and the confirmation says so
            YesNo consent = YesNo.read(field(i, CONSENT));
            Contact contact = consent == YesNo.YES ? new Contact(name, company, reach, true) : null;
            String text;
            try {
                // stores the case first, then opens the thread: nobody hears of a case that is not stored
                Assistant.HandoffOutcome outcome = assistant.openCase(conversation(i), user(i), contact);
                text = outcome.message() + (consent == YesNo.UNCLEAR ? "\n" + CONSENT_UNCLEAR
                        : consent == YesNo.YES && reach != null ? ""
                        : "\nVous n'avez pas laissé de coordonnées (ou pas accepté d'être recontacté·e) : la réponse "
                        + "viendra ici, sur Discord.");
            } catch (StoreException e) {
                LOG.error("handoff: the case could not be stored ({})", e.getClass().getSimpleName());
                text = "Désolé, votre demande n'a pas pu être enregistrée à cause d'un incident de notre côté. "
                        + "Rien n'a été transmis : réessayez dans quelques minutes, ou appelez la CCI Artois.";
            }
            answer(i, ReplyRenderer.notice(text), "handoff form");
        }));
    }

    static final String CONSENT_UNCLEAR = "Je n'ai pas compris votre réponse à « D'accord pour être recontacté ? » (« oui » "
            + "ou « non » étaient attendus) : par prudence, je n'ai gardé aucune de vos coordonnées. La réponse viendra ici, "
            + "sur Discord.";

    /** A message in a channel the bot sees: answered if it mentions the bot, or in a direct message. */
    void onMessage(Message message) {
        try {
            MessageAuthor author = message.getAuthor();
            if (author.isYourself() || author.isBotUser() || author.isWebhook()) {
                return;
            }
            boolean direct = message.getServer().isEmpty();
            String content = message.getContent() == null ? "" : message.getContent();
            TextChannel channel = message.getChannel();
            if (!direct && (inStaffChannel(channel) || !mentionsBot(content))) {
                return;
            }
            String text = stripBotMention(content);
            String userId = DiscordNotifier.USER_PREFIX + author.getId();
            String conversation = direct ? "discord:dm:" + author.getId() : "discord:" + channel.getId() + ":" + author.getId();
            List<DiscordMessage> reply;
            if (content.length() > MAX_INPUT) {
                reply = ReplyRenderer.notice(tooLong(content.length()));
            } else if (text.isBlank()) {
                reply = ReplyRenderer.notice("Bonjour ! Posez-moi votre question sur les aides, les dispositifs ou les "
                        + "formations pour votre entreprise : par exemple « je veux créer un commerce à Béthune, quelles aides ? ». "
                        + "Commandes : `/question`, `/dispositifs`, `/formations`, `/conseiller`, `/profil`, `/oublier`.");
            } else if (!limiter.tryAcquire(userId)) {
                reply = ReplyRenderer.notice(RATE_LIMITED);
            } else {
                reply = renderer.get().reply(ask(conversation, userId, text, direct ? Channel.DM : Channel.MENTION));
                if (!direct) {
                    // a public reply: its buttons answer only the asker
                    reply = ownedBy(reply, author.getId());
                }
            }
            if (!direct && !channel.canYouEmbedLinks() && hasEmbeds(reply)) {
                reportFailure(new Interactions.Failure(channel.getId(), new StaffChannel.DiscordFailure(
                        "no Embed Links in channel " + channel.getId(), null, true)));
                reply = DiscordLimits.asText(reply);
            }
            out.send(channel, message, reply, direct ? "reply to a direct message" : "reply to a mention");
        } catch (Throwable e) { // an Error too: one message must never end the bot
            LOG.error("message handling failed: {}", Futures.describe(e));
        }
    }

    // ---- entrepreneur's side -----------------------------------------------------------------

    static final String RATE_LIMITED = "Vous m'avez posé beaucoup de questions d'un coup : patientez une minute, "
            + "puis reposez la vôtre. Merci !";
    static final String TOO_MANY_FORMS = "Vous avez déjà envoyé plusieurs demandes de contact : un conseiller va revenir "
            + "vers vous. Pour une urgence, appelez la CCI Artois.";

    static String tooLong(int length) {
        return "Votre message est trop long (" + length + " caractères, " + MAX_INPUT + " au plus). "
                + "Pouvez-vous le résumer en quelques phrases ?";
    }

    static final String FORGET_FAILED = "Désolé, un incident de notre côté m'empêche d'effacer vos données en ce moment : "
            + "rien n'a été effacé. Réessayez `/oublier` dans quelques minutes ; si cela dure, écrivez à la CCI Artois.";

    /** /oublier: erases what the user gave, on every channel, and says exactly what went. */
    private void forget(InteractionBase i, String what) {
        String text;
        try {
            text = forgetting.forget(user(i)).inFrench();
        } catch (StoreException e) {
            // stored data goes first and nothing is claimed when it fails: say nothing was erased
            LOG.error("{}: the store failed, nothing erased ({})", what, e.getClass().getSimpleName());
            text = FORGET_FAILED;
        }
        answer(i, ReplyRenderer.notice(text), what);
    }

    private void question(InteractionBase i, String text, String what) {
        if (text.length() > MAX_INPUT) {
            answer(i, ReplyRenderer.notice(tooLong(text.length())), what);
            return;
        }
        if (text.isBlank()) {
            answer(i, ReplyRenderer.notice("Écrivez votre question après `/question`."), what);
            return;
        }
        if (!limiter.tryAcquire(user(i))) {
            answer(i, ReplyRenderer.notice(RATE_LIMITED), what);
            return;
        }
        List<DiscordMessage> reply;
        try {
            reply = renderer.get().reply(ask(conversation(i), user(i), text, Channel.SLASH));
        } catch (RuntimeException e) {
            LOG.error("{}: the assistant failed ({})", what, Futures.describe(e));
            reply = ReplyRenderer.notice(SORRY);
        }
        answer(i, reply, what);
    }

    /** The assistant's answer, with at most {@code answering} such calls (and so language-model calls) at once. */
    private Reply ask(String conversation, String userId, String text, Channel channel) {
        try {
            answering.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to answer", e);
        }
        try {
            return assistant.handle(conversation, userId, text, channel);
        } finally {
            answering.release();
        }
    }

    private void listing(SlashCommandInteraction i, EntryKind kind) {
        if (!limiter.tryAcquire(user(i))) {
            answer(i, ReplyRenderer.notice(RATE_LIMITED), "/" + i.getCommandName());
            return;
        }
        Optional<Theme> theme = i.getArgumentStringValueByName("thème").flatMap(Theme::fromCode);
        LocalDate today = LocalDate.now(clock);
        Catalogue served = catalogue.get();
        List<Entry> offered = (kind == EntryKind.TRAINING ? served.trainings() : served.schemes()).stream()
                .filter(e -> e.isOfferedOn(today)).toList();
        answer(i, renderer.get().listing(kind, theme, offered, today), "/" + i.getCommandName());
    }

    private void details(InteractionBase i, String entryId) {
        Optional<Entry> entry = catalogue.get().entry(entryId);
        answer(i, entry.map(e -> renderer.get().details(e, LocalDate.now(clock)))
                .orElseGet(() -> ReplyRenderer.notice("Cette fiche n'est plus au catalogue.")), "details");
    }

    /**
     * The answer to an interaction deferred privately. Where Discord says the bot may not embed
     * links, the embeds become text (they would arrive empty) and the staff channel is told.
     */
    private void answer(InteractionBase i, List<DiscordMessage> messages, String what) {
        List<DiscordMessage> sent = messages;
        if (hasEmbeds(messages) && i.getBotPermissions().map(p -> !p.contains(PermissionType.EMBED_LINKS)).orElse(false)) {
            long channel = i.getChannel().map(DiscordEntity::getId).orElse(0L);
            reportFailure(new Interactions.Failure(channel, new StaffChannel.DiscordFailure(
                    "no Embed Links in channel " + channel, null, true)));
            sent = DiscordLimits.asText(messages);
        }
        out.answer(i, Ack.PRIVATE, sent, what);
    }

    private static boolean hasEmbeds(List<DiscordMessage> messages) {
        return messages.stream().anyMatch(m -> !m.embeds().isEmpty());
    }

    /**
     * The handoff form: name, company, phone or e-mail, consent. Shown at once (a form cannot
     * follow a deferral); not when the user's case is already open (it is reused), nor past
     * {@value #FORMS_PER_HOUR} forms an hour.
     */
    private void openForm(InteractionBase i) {
        Optional<HandoffCase> open;
        try {
            open = openCaseOf(user(i));
        } catch (RuntimeException e) {
            LOG.warn("handoff button: the cases could not be read ({})", e.getClass().getSimpleName());
            open = Optional.empty();
        }
        if (open.isPresent()) {
            out.immediate(i, alreadyOpen(open.get()), true, "handoff button (case already open)");
            return;
        }
        out.modal(i, MODAL, "Être recontacté par un conseiller", List.of(
                new Callbacks.Input(NAME, "Votre nom", false, 100, null),
                new Callbacks.Input(COMPANY, "Votre entreprise ou projet", false, 100, null),
                new Callbacks.Input(REACH, "Téléphone ou e-mail", false, 100, null),
                new Callbacks.Input(CONSENT, "D'accord pour être recontacté ? oui/non", true, 20, "oui")),
                "open the handoff form");
    }

    private Optional<HandoffCase> openCaseOf(String userId) {
        return cases.byEntrepreneur(userId).stream()
                .filter(c -> c.state() == CaseState.OPEN || c.state() == CaseState.CLAIMED)
                .reduce((first, second) -> second);
    }

    private String alreadyOpen(HandoffCase c) {
        Adviser adviser = catalogue.get().advisersById().get(c.adviserId());
        return "Votre demande " + c.id() + " est déjà transmise" + (adviser == null ? "" : " à " + adviser.name() + ", "
                + adviser.role()) + " : inutile de la renvoyer, on vous recontacte. Pour la compléter, répondez au "
                + "conseiller quand il vous contactera.";
    }

    private static String field(ModalInteraction i, String id) {
        return i.getTextInputValueByCustomId(id).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
    }

    /**
     * Binds the buttons of a public reply to its asker: their ids get the asker's id first,
     * and a button whose id would grow past Discord's limit is left out.
     */
    static List<DiscordMessage> ownedBy(List<DiscordMessage> messages, long userId) {
        String prefix = OWNER + userId + ":";
        List<DiscordMessage> owned = new ArrayList<>();
        for (DiscordMessage m : messages) {
            List<DiscordMessage.Row> rows = new ArrayList<>();
            for (DiscordMessage.Row row : m.rows()) {
                List<DiscordMessage.Component> components = new ArrayList<>();
                for (DiscordMessage.Component c : row.components()) {
                    if (c instanceof DiscordMessage.Button b && b.style() != DiscordMessage.Style.LINK) {
                        if (prefix.length() + b.target().length() <= DiscordLimits.CUSTOM_ID) {
                            components.add(new DiscordMessage.Button(b.style(), prefix + b.target(), b.label(), b.emoji()));
                        }
                    } else if (c instanceof DiscordMessage.Select menu) {
                        if (prefix.length() + menu.customId().length() <= DiscordLimits.CUSTOM_ID) {
                            components.add(new DiscordMessage.Select(prefix + menu.customId(), menu.placeholder(),
                                    menu.options()));
                        }
                    } else {
                        components.add(c);
                    }
                }
                if (!components.isEmpty()) {
                    rows.add(new DiscordMessage.Row(components));
                }
            }
            owned.add(m.withRows(rows));
        }
        return owned;
    }

    // ---- helpers ---------------------------------------------------------------------------

    static final String SORRY = "Désolé, un incident m'empêche de répondre. Réessayez dans un instant ; "
            + "si cela dure, `/conseiller` vous met en relation avec la CCI.";

    /** The entrepreneur id given to the core: Discord's user id, prefixed. */
    static String user(InteractionBase i) {
        return DiscordNotifier.USER_PREFIX + i.getUser().getId();
    }

    /** One conversation per user and channel; one per user across direct messages. */
    static String conversation(InteractionBase i) {
        long userId = i.getUser().getId();
        if (i.getServer().isEmpty()) {
            return "discord:dm:" + userId;
        }
        return "discord:" + i.getChannel().map(DiscordEntity::getId).orElse(0L) + ":" + userId;
    }

    /**
     * Javacord 3.8.0 mistakes the echo of a private (ephemeral) message in a voice channel's
     * text chat for a direct message, and caches that channel as one: every later interaction
     * there is dropped until a restart. So Guichet sends nothing private there: it says so,
     * publicly, and points to a text channel or direct messages.
     */
    private boolean refusedInVoiceChat(InteractionBase i, String what) {
        boolean voice = i.getChannel().map(c -> c.getType() == ChannelType.SERVER_VOICE_CHANNEL
                || c.getType() == ChannelType.SERVER_STAGE_VOICE_CHANNEL).orElse(false);
        if (voice) {
            out.immediate(i, IN_VOICE_CHAT, false, what + " (voice channel)");
        }
        return voice;
    }

    /** The staff channel and its case threads are the advisers' room: Guichet does not chat there. */
    private boolean inStaffChannel(TextChannel channel) {
        return channel.getId() == staffChannelId || channel.asServerThreadChannel()
                .map(t -> t.getParent() != null && t.getParent().getId() == staffChannelId).orElse(false);
    }

    private boolean mentionsBot(String content) {
        return content.contains("<@" + botUserId + ">") || content.contains("<@!" + botUserId + ">");
    }

    private String stripBotMention(String content) {
        return content.replace("<@" + botUserId + ">", " ").replace("<@!" + botUserId + ">", " ").strip();
    }

    /**
     * Runs the handling of an acknowledged interaction. On failure the user is told, in place
     * of « Guichet réfléchit… », unless the interaction is gone.
     */
    private void safely(InteractionBase i, Ack ack, String what, Runnable handler) {
        try {
            handler.run();
        } catch (Throwable e) { // an Error too (a StackOverflowError deep in a library): one event never ends the bot
            LOG.error("{} failed: {}", what, Futures.describe(e));
            if (!Interactions.expired(e)) {
                out.apologize(i, ack, SORRY, what);
            }
        }
    }

    /**
     * A send failed. Logged by {@link Futures}; a missing permission is also told in the
     * staff channel (once an hour per channel), since only the server's staff can fix it.
     */
    void reportFailure(Interactions.Failure failure) {
        if (!Futures.missingPermissions(failure.error())) {
            return;
        }
        Instant now = clock.instant();
        Instant last = reported.get(failure.channelId());
        if (last != null && now.isBefore(last.plus(REPORT_EVERY))) {
            return;
        }
        reported.put(failure.channelId(), now);
        if (failure.channelId() == staffChannelId) {
            LOG.error("Guichet may not write in the staff channel {}: check its permissions there", staffChannelId);
            return;
        }
        working.execute(() -> contained("staff notice", () -> notifier.notice("⚠️ Guichet n'a pas la permission de répondre correctement dans "
                + (failure.channelId() == 0 ? "un salon" : "<#" + failure.channelId() + ">")
                + " (Voir le salon, Envoyer des messages, Intégrer des liens, Lire l'historique). "
                + "Un membre de l'équipe du serveur peut l'ajouter dans les paramètres du salon.")));
    }
}
