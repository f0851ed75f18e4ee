package fr.guichet.bot.discord;

import fr.guichet.bot.assistant.Assistant;
import fr.guichet.bot.assistant.Reply;
import fr.guichet.bot.handoff.Contact;
import fr.guichet.bot.handoff.HandoffStore;
import fr.guichet.bot.handoff.StoreException;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.javacord.api.DiscordApi;
import org.javacord.api.entity.DiscordEntity;
import org.javacord.api.entity.channel.TextChannel;
import org.javacord.api.entity.message.Message;
import org.javacord.api.entity.message.MessageAuthor;
import org.javacord.api.entity.message.MessageBuilder;
import org.javacord.api.entity.message.component.ActionRow;
import org.javacord.api.entity.message.component.SelectMenuOption;
import org.javacord.api.entity.message.component.TextInputBuilder;
import org.javacord.api.entity.message.component.TextInputStyle;
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
 * go to {@link AdviserDesk}. Each event is handled on Guichet's own executor (Javacord's
 * threads are never blocked) and never lets an exception out: a failure is logged (without
 * what the user wrote) and, where possible, the user gets a polite message.
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
    private static final Pattern YES = Pattern.compile("^(o|oui|ok|okay|yes|y|d'accord|d’accord|daccord|bien sûr|bien sur|j'accepte)\\b.*");
    private static final Duration REPORT_EVERY = Duration.ofHours(1);

    private final Assistant assistant;
    private final Catalogue catalogue;
    private final ReplyRenderer renderer;
    private final RateLimiter limiter;
    private final AdviserDesk desk;
    private final DiscordNotifier notifier;
    private final Interactions out;
    private final Executor executor;
    private final Clock clock;
    private final long staffChannelId;
    private final Map<Long, Instant> reported = new ConcurrentHashMap<>();
    private volatile long botUserId;

    /**
     * @param builders new channel message builders ({@code MessageBuilder::new}; tests give mocks)
     * @param timeout  how long to wait for Discord to accept a message
     */
    public DiscordBot(Assistant assistant, Catalogue catalogue, HandoffStore cases, DiscordNotifier notifier,
                      ReplyRenderer renderer, RateLimiter limiter, long adviserRoleId, long staffChannelId,
                      Executor executor, Supplier<MessageBuilder> builders, Duration timeout, Clock clock) {
        this.assistant = assistant;
        this.catalogue = catalogue;
        this.renderer = renderer;
        this.limiter = limiter;
        this.notifier = notifier;
        this.executor = executor;
        this.clock = clock;
        this.staffChannelId = staffChannelId;
        this.out = new Interactions(builders, timeout, this::reportFailure);
        this.desk = new AdviserDesk(cases, catalogue.advisersById(), notifier, out, adviserRoleId);
    }

    // ---- wiring to Javacord --------------------------------------------------------------

    /** Listens to the events Guichet handles, each handled on Guichet's executor. */
    public void attach(DiscordApi api) {
        botUserId = api.getYourself().getId();
        api.addSlashCommandCreateListener(e -> executor.execute(() -> onSlash(e.getSlashCommandInteraction())));
        api.addButtonClickListener(e -> executor.execute(() -> onButton(e.getButtonInteraction())));
        api.addSelectMenuChooseListener(e -> executor.execute(() -> onSelect(e.getSelectMenuInteraction())));
        api.addModalSubmitListener(e -> executor.execute(() -> onModal(e.getModalInteraction())));
        api.addMessageCreateListener(e -> executor.execute(() -> onMessage(e.getMessage())));
    }

    void botUserId(long id) {
        this.botUserId = id;
    }

    /** The slash commands, in French; /dossiers is for advisers (checked at use) and not offered in direct messages. */
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
        commands.add(SlashCommand.with("dossiers", "Conseillers : les dossiers en cours").setEnabledInDms(false));
        return commands;
    }

    // ---- entry points (one per kind of event) ---------------------------------------------

    void onSlash(SlashCommandInteraction i) {
        safely(i, "/" + i.getCommandName(), () -> {
            switch (i.getCommandName()) {
                case "question" -> question(i, i.getArgumentStringValueByName("texte").orElse(""), "/question");
                case "dispositifs" -> listing(i, EntryKind.SCHEME);
                case "formations" -> listing(i, EntryKind.TRAINING);
                case "conseiller" -> out.respond(i, renderer.proposal(assistant.requestAdviser(conversation(i), user(i))),
                        true, "/conseiller");
                case "profil" -> out.respond(i, renderer.profile(assistant.profile(conversation(i), user(i))), true, "/profil");
                case "oublier" -> {
                    assistant.forget(user(i));
                    out.respond(i, ReplyRenderer.notice("C'est fait : ce que je gardais de vos échanges (conversation, avis, "
                            + "coordonnées et historique de vos demandes) est effacé."), true, "/oublier");
                }
                case "dossiers" -> desk.list(i);
                default -> out.respond(i, ReplyRenderer.notice("Commande inconnue."), true, "unknown command");
            }
        });
    }

    void onButton(ButtonInteraction i) {
        String id = i.getCustomId();
        safely(i, "button", () -> {
            if (id.startsWith("g:case:")) {
                desk.onButton(i);
            } else if (id.equals(ReplyRenderer.HANDOFF)) {
                openForm(i);
            } else if (id.equals(ReplyRenderer.HELPFUL) || id.equals(ReplyRenderer.UNHELPFUL)) {
                Optional<Reply> proposal = assistant.feedback(conversation(i), user(i), id.equals(ReplyRenderer.HELPFUL));
                List<DiscordMessage> messages = new ArrayList<>(ReplyRenderer.notice("Merci pour votre retour."));
                proposal.ifPresent(p -> messages.addAll(renderer.proposal(p)));
                out.respond(i, messages, true, "feedback");
            } else if (id.startsWith(ReplyRenderer.MORE)) {
                details(i, id.substring(ReplyRenderer.MORE.length()));
            } else if (id.startsWith(ReplyRenderer.ASK)) {
                question(i, id.substring(ReplyRenderer.ASK.length()), "suggestion");
            } else {
                out.respond(i, ReplyRenderer.notice("Ce bouton n'est plus actif."), true, "stale button");
            }
        });
    }

    void onSelect(SelectMenuInteraction i) {
        safely(i, "select menu", () -> {
            String chosen = i.getChosenOptions().stream().map(SelectMenuOption::getValue).findFirst().orElse("");
            if (i.getCustomId().startsWith("g:case:")) {
                desk.onSelect(i, chosen);
            } else if (i.getCustomId().equals(ReplyRenderer.MORE_MENU)) {
                details(i, chosen);
            } else {
                out.respond(i, ReplyRenderer.notice("Ce menu n'est plus actif."), true, "stale menu");
            }
        });
    }

    void onModal(ModalInteraction i) {
        safely(i, "handoff form", () -> {
            if (!i.getCustomId().equals(MODAL)) {
                out.respond(i, ReplyRenderer.notice("Ce formulaire n'est plus actif."), true, "stale form");
                return;
            }
            String name = field(i, NAME);
            String company = field(i, COMPANY);
            String reach = field(i, REACH);
            String consentText = field(i, CONSENT);
            boolean consent = consentText != null && YES.matcher(consentText.strip().toLowerCase(Locale.FRENCH)).matches();
            Contact contact = new Contact(name, company, reach, consent);
            InteractionOriginalResponseUpdater updater = out.defer(i, true, "handoff form");
            String text;
            try {
                // stores the case first, then opens the thread: nobody hears of a case that is not stored
                Assistant.HandoffOutcome outcome = assistant.openCase(conversation(i), user(i), contact);
                text = outcome.message() + (consent && reach != null ? ""
                        : "\nVous n'avez pas laissé de coordonnées (ou pas accepté d'être recontacté·e) : la réponse "
                        + "viendra ici, sur Discord.");
            } catch (StoreException e) {
                LOG.error("handoff: the case could not be stored ({})", e.getClass().getSimpleName());
                text = "Désolé, votre demande n'a pas pu être enregistrée à cause d'un incident de notre côté. "
                        + "Rien n'a été transmis : réessayez dans quelques minutes, ou appelez la CCI Artois.";
            }
            out.complete(i, updater, ReplyRenderer.notice(text), true, "handoff form");
        });
    }

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
                reply = renderer.reply(assistant.handle(conversation, userId, text));
            }
            out.send(channel, message, reply, direct ? "reply to a direct message" : "reply to a mention");
        } catch (RuntimeException e) {
            LOG.error("message handling failed: {}", Futures.describe(e));
        }
    }

    // ---- entrepreneur's side -----------------------------------------------------------------

    static final String RATE_LIMITED = "Vous m'avez posé beaucoup de questions d'un coup : patientez une minute, "
            + "puis reposez la vôtre. Merci !";

    static String tooLong(int length) {
        return "Votre message est trop long (" + length + " caractères, " + MAX_INPUT + " au plus). "
                + "Pouvez-vous le résumer en quelques phrases ?";
    }

    private void question(InteractionBase i, String text, String what) {
        if (text.length() > MAX_INPUT) {
            out.respond(i, ReplyRenderer.notice(tooLong(text.length())), true, what);
            return;
        }
        if (text.isBlank()) {
            out.respond(i, ReplyRenderer.notice("Écrivez votre question après `/question`."), true, what);
            return;
        }
        if (!limiter.tryAcquire(user(i))) {
            out.respond(i, ReplyRenderer.notice(RATE_LIMITED), true, what);
            return;
        }
        InteractionOriginalResponseUpdater updater = out.defer(i, true, what);
        List<DiscordMessage> reply;
        try {
            reply = renderer.reply(assistant.handle(conversation(i), user(i), text));
        } catch (RuntimeException e) {
            LOG.error("{}: the assistant failed ({})", what, Futures.describe(e));
            reply = ReplyRenderer.notice(SORRY);
        }
        out.complete(i, updater, reply, true, what);
    }

    private void listing(SlashCommandInteraction i, EntryKind kind) {
        if (!limiter.tryAcquire(user(i))) {
            out.respond(i, ReplyRenderer.notice(RATE_LIMITED), true, "/" + i.getCommandName());
            return;
        }
        Optional<Theme> theme = i.getArgumentStringValueByName("thème").flatMap(Theme::fromCode);
        InteractionOriginalResponseUpdater updater = out.defer(i, true, "/" + i.getCommandName());
        LocalDate today = LocalDate.now(clock);
        List<Entry> offered = (kind == EntryKind.TRAINING ? catalogue.trainings() : catalogue.schemes()).stream()
                .filter(e -> e.isOfferedOn(today)).toList();
        out.complete(i, updater, renderer.listing(kind, theme, offered, today), true, "/" + i.getCommandName());
    }

    private void details(InteractionBase i, String entryId) {
        Optional<Entry> entry = catalogue.entry(entryId);
        out.respond(i, entry.map(e -> renderer.details(e, LocalDate.now(clock)))
                .orElseGet(() -> ReplyRenderer.notice("Cette fiche n'est plus au catalogue.")), true, "details");
    }

    /** The handoff form: name, company, phone or e-mail, consent. Shown at once (a form cannot be deferred). */
    private void openForm(InteractionBase i) {
        Futures.logged(i.respondWithModal(MODAL, "Être recontacté par un conseiller",
                ActionRow.of(new TextInputBuilder(TextInputStyle.SHORT, NAME, "Votre nom").setRequired(false)
                        .setMaximumLength(100).build()),
                ActionRow.of(new TextInputBuilder(TextInputStyle.SHORT, COMPANY, "Votre entreprise ou projet")
                        .setRequired(false).setMaximumLength(100).build()),
                ActionRow.of(new TextInputBuilder(TextInputStyle.SHORT, REACH, "Téléphone ou e-mail").setRequired(false)
                        .setMaximumLength(100).build()),
                ActionRow.of(new TextInputBuilder(TextInputStyle.SHORT, CONSENT, "D'accord pour être recontacté ? oui/non")
                        .setPlaceholder("oui").setRequired(true).setMaximumLength(20).build())), "open the handoff form",
                e -> reportFailure(new Interactions.Failure(i.getChannel().map(DiscordEntity::getId).orElse(0L), e)));
    }

    private static String field(ModalInteraction i, String id) {
        return i.getTextInputValueByCustomId(id).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
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

    private void safely(InteractionBase i, String what, Runnable handler) {
        out.begin();
        try {
            handler.run();
        } catch (RuntimeException e) {
            LOG.error("{} failed: {}", what, Futures.describe(e));
            if (!(e instanceof StaffChannel.DiscordFailure)) {
                out.apologize(i, SORRY, what);
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
        executor.execute(() -> notifier.notice("⚠️ Guichet n'a pas la permission de répondre dans "
                + (failure.channelId() == 0 ? "un salon" : "<#" + failure.channelId() + ">")
                + " (Voir le salon, Envoyer des messages, Intégrer des liens, Lire l'historique). "
                + "Un membre de l'équipe du serveur peut l'ajouter dans les paramètres du salon."));
    }
}
