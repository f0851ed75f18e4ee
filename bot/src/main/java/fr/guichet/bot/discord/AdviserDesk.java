package fr.guichet.bot.discord;

import fr.guichet.bot.discord.DiscordMessage.Embed;
import fr.guichet.bot.discord.DiscordMessage.Field;
import fr.guichet.bot.discord.DiscordMessage.Option;
import fr.guichet.bot.discord.DiscordMessage.Row;
import fr.guichet.bot.discord.DiscordMessage.Select;
import fr.guichet.bot.handoff.CaseState;
import fr.guichet.bot.handoff.CaseSummary;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.bot.handoff.HandoffStore;
import fr.guichet.bot.handoff.StoreException;
import fr.guichet.bot.report.QuestionLog;
import fr.guichet.bot.report.ReportPeriod;
import fr.guichet.bot.report.ReportSummary;
import fr.guichet.knowledge.catalogue.Adviser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.javacord.api.entity.permission.PermissionType;
import org.javacord.api.entity.server.Server;
import org.javacord.api.entity.user.User;
import org.javacord.api.interaction.ButtonInteraction;
import org.javacord.api.interaction.InteractionBase;
import org.javacord.api.interaction.SelectMenuInteraction;
import org.javacord.api.interaction.SlashCommandInteraction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The advisers' side: « Je prends », « Clos », « Réaffecter » in a case thread, /dossiers
 * and /statistiques. Only members with the adviser role may act; the others get a private refusal.
 * Every change goes through the case store with the clicking adviser as actor (their
 * catalogue id when their Discord account is in the catalogue, else {@code discord:ID}).
 */
public final class AdviserDesk {
    private static final Logger LOG = LoggerFactory.getLogger(AdviserDesk.class);
    /** The option of /statistiques. */
    static final String PERIOD = "période";
    static final String NOT_ADVISER = "Seuls les conseillers de la CCI (rôle dédié sur ce serveur) peuvent traiter les dossiers.";

    private final HandoffStore cases;
    private final java.util.function.Supplier<Map<String, Adviser>> advisers;
    private final DiscordNotifier notifier;
    private final Interactions out;
    private final long adviserRoleId;
    private final java.util.concurrent.Executor working;
    private final QuestionLog questions;
    private final Clock clock;

    AdviserDesk(HandoffStore cases, QuestionLog questions, java.util.function.Supplier<Map<String, Adviser>> advisers,
                DiscordNotifier notifier, Interactions out, long adviserRoleId, java.util.concurrent.Executor working,
                Clock clock) {
        this.cases = cases;
        this.questions = questions;
        this.advisers = advisers;
        this.notifier = notifier;
        this.out = out;
        this.adviserRoleId = adviserRoleId;
        this.working = working;
        this.clock = clock;
    }

    boolean isAdviser(InteractionBase i) {
        Optional<Server> server = i.getServer();
        return server.isPresent() && server.get().getRoles(i.getUser()).stream().anyMatch(r -> r.getId() == adviserRoleId);
    }

    /** The adviser of the catalogue behind this Discord account, if any. */
    Optional<Adviser> adviserOf(User user) {
        String id = Long.toString(user.getId());
        return advisers.get().values().stream().filter(a -> id.equals(a.discordUserId() == null ? null : a.discordUserId().strip()))
                .findFirst();
    }

    private String actor(User user) {
        return adviserOf(user).map(Adviser::id).orElse(DiscordNotifier.USER_PREFIX + user.getId());
    }

    private String displayName(User user) {
        return adviserOf(user).map(Adviser::name).orElseGet(() -> user.getName() == null ? "un conseiller" : user.getName());
    }

    /**
     * A case button. Acknowledged without a message (a deferred update): a change is then told
     * publicly in the thread, a refusal privately; « Clos » also removes the case's buttons.
     */
    void onButton(ButtonInteraction i) {
        if (!isAdviser(i)) {
            out.immediate(i, NOT_ADVISER, true, "case button (refused)");
            return;
        }
        if (out.acknowledge(i, Interactions.Ack.UPDATE, "case button")) {
            working.execute(() -> caseButton(i));
        }
    }

    private void caseButton(ButtonInteraction i) {
        String id = i.getCustomId();
        try {
            if (id.startsWith(DiscordNotifier.CLAIM)) {
                claim(i, id.substring(DiscordNotifier.CLAIM.length()));
            } else if (id.startsWith(DiscordNotifier.RESOLVE)) {
                String caseId = id.substring(DiscordNotifier.RESOLVE.length());
                if (change(i, caseId, () -> cases.transition(caseId, CaseState.RESOLVED, actor(i.getUser())),
                        "✅ Dossier %s clos par %s.")) {
                    // a closed case has nothing left to click
                    out.editOriginal(i, DiscordMessage.text(""), "remove the buttons of a closed case");
                }
            } else if (id.startsWith(DiscordNotifier.REASSIGN)) {
                chooseAdviser(i, id.substring(DiscordNotifier.REASSIGN.length()));
            } else {
                out.followUps(i, ReplyRenderer.notice("Ce bouton n'est plus actif."), true, "stale case button");
            }
        } catch (Throwable e) { // an Error too: one click must never end the bot
            LOG.error("case button failed: {}", Futures.describe(e));
            if (!Interactions.expired(e)) {
                out.apologize(i, Interactions.Ack.UPDATE, DiscordBot.SORRY, "case button");
            }
        }
    }

    /** The choice in « Réaffecter »'s menu; the menu is then replaced by what was done. */
    void onSelect(SelectMenuInteraction i, String chosen) {
        if (!isAdviser(i)) {
            out.immediate(i, NOT_ADVISER, true, "case menu (refused)");
            return;
        }
        if (out.acknowledge(i, Interactions.Ack.UPDATE, "reassign")) {
            working.execute(() -> caseMenu(i, chosen));
        }
    }

    private void caseMenu(SelectMenuInteraction i, String chosen) {
        try {
            String text = reassign(i, chosen);
            out.editOriginal(i, DiscordMessage.text(DiscordLimits.truncate(DiscordLimits.neutralize(text),
                    DiscordLimits.CONTENT)), "reassign");
        } catch (Throwable e) { // an Error too: one choice must never end the bot
            LOG.error("reassign failed: {}", Futures.describe(e));
            if (!Interactions.expired(e)) {
                out.apologize(i, Interactions.Ack.UPDATE, DiscordBot.SORRY, "reassign");
            }
        }
    }

    private String reassign(SelectMenuInteraction i, String chosen) {
        if (!i.getCustomId().startsWith(DiscordNotifier.REASSIGN_TO)) {
            return "Ce menu n'est plus actif.";
        }
        String caseId = i.getCustomId().substring(DiscordNotifier.REASSIGN_TO.length());
        Adviser to = advisers.get().get(chosen);
        if (to == null) {
            return "Ce conseiller n'est plus au catalogue.";
        }
        try {
            HandoffCase c = cases.reassign(caseId, to.id(), to.backup() != null ? to.backup() : to.id(), actor(i.getUser()));
            String text = "C'est fait : le dossier " + caseId + " est à " + to.name() + ".";
            try {
                notifier.reassigned(c, to, displayName(i.getUser()));
            } catch (RuntimeException e) {
                text += " (Le message dans le fil n'a pas pu être posté : prévenez " + to.name() + ".)";
            }
            return text;
        } catch (IllegalStateException | NoSuchElementException e) {
            return e.getMessage();
        } catch (StoreException e) {
            LOG.error("reassign {}: store failed ({})", caseId, e.getClass().getSimpleName());
            return "Le dossier n'a pas pu être modifié (incident de stockage) ; réessayez dans un instant.";
        }
    }

    /**
     * « Je prends »: the case becomes the clicking adviser's (if it was someone else's) and is
     * claimed, in one transaction of the store: a failure between the two can never leave it
     * reassigned but unclaimed, and of two advisers clicking at once, one wins.
     */
    private void claim(ButtonInteraction i, String caseId) {
        change(i, caseId, () -> {
            HandoffCase c = cases.find(caseId).orElseThrow(() -> new NoSuchElementException("Dossier inconnu : " + caseId + "."));
            if (c.state() != CaseState.OPEN) {
                throw new IllegalStateException("Le dossier " + caseId + " est déjà " + c.state().label()
                        + (c.state() == CaseState.CLAIMED ? " (" + c.adviserId() + ")" : "") + ".");
            }
            Optional<Adviser> me = adviserOf(i.getUser());
            if (me.isEmpty()) {
                // an adviser the catalogue does not know: the case stays its adviser's, claimed on their behalf
                return cases.transition(caseId, CaseState.CLAIMED, actor(i.getUser()));
            }
            String backup = c.backupId() != null && !c.backupId().equals(me.get().id()) ? c.backupId()
                    : me.get().backup() != null ? me.get().backup() : c.adviserId();
            return cases.claim(caseId, me.get().id(), backup, actor(i.getUser()));
        }, "✋ Dossier %s pris en charge par %s.");
    }

    /** @return whether the change was made */
    private boolean change(ButtonInteraction i, String caseId, java.util.function.Supplier<HandoffCase> change, String done) {
        try {
            HandoffCase c = change.get();
            // public in the thread, without any ping
            out.followUps(i, ReplyRenderer.notice(String.format(done, c.id(), displayName(i.getUser()))), false, "case change");
            return true;
        } catch (IllegalStateException | NoSuchElementException e) {
            out.followUps(i, ReplyRenderer.notice(e.getMessage()), true, "case change (refused)");
        } catch (StoreException e) {
            LOG.error("case {}: store failed ({})", caseId, e.getClass().getSimpleName());
            out.followUps(i, ReplyRenderer.notice("Le dossier n'a pas pu être modifié (incident de stockage) ; réessayez dans un instant."),
                    true, "case change (store)");
        }
        return false;
    }

    /** « Réaffecter »: a private menu of the other advisers. */
    private void chooseAdviser(ButtonInteraction i, String caseId) {
        Optional<HandoffCase> c = cases.find(caseId);
        if (c.isEmpty() || c.get().state().isClosed()) {
            out.followUps(i, ReplyRenderer.notice(c.isEmpty() ? "Dossier inconnu : " + caseId + "."
                    : "Le dossier " + caseId + " est déjà " + c.get().state().label() + "."), true, "reassign menu");
            return;
        }
        List<Option> options = new ArrayList<>();
        for (Adviser a : advisers.get().values()) {
            if (!a.id().equals(c.get().adviserId())) {
                options.add(new Option(a.name(), a.id(), a.role()));
            }
        }
        if (options.isEmpty()) {
            out.followUps(i, ReplyRenderer.notice("Aucun autre conseiller au catalogue."), true, "reassign menu");
            return;
        }
        List<DiscordMessage> menu = DiscordLimits.pack("À qui confier le dossier " + caseId + " ?", List.of(),
                List.of(Row.of(new Select(DiscordNotifier.REASSIGN_TO + caseId, "Choisir un conseiller", options))), null, Set.of());
        out.followUps(i, menu, true, "reassign menu");
    }

    /** Longest {@code période} accepted by /statistiques (« 2026-03-01..2026-03-31 » is 22). */
    static final int PERIOD_LENGTH = 40;
    static final String CHART = "statistiques.png";
    static final String NO_ATTACH = "\n(Le graphique n'est pas joint : il manque au bot la permission « Joindre des fichiers » "
            + "dans ce salon.)";

    /**
     * /statistiques [période]: the key figures of the period and the questions-per-week chart
     * (a PNG, when there were questions), for advisers only. Reads the database: called on
     * the handlers' executor, never on Javacord's listener thread.
     */
    void statistics(SlashCommandInteraction i) {
        String what = "/statistiques";
        if (!isAdviser(i)) {
            out.answer(i, Interactions.Ack.PRIVATE, ReplyRenderer.notice(NOT_ADVISER), what + " (refused)");
            return;
        }
        ReportPeriod period;
        try {
            period = ReportPeriod.parse(i.getArgumentStringValueByName(PERIOD).orElse(""), ReportPeriod.today(clock));
        } catch (IllegalArgumentException e) {
            // the message is French, for the person who typed the period
            String why = e.getMessage() == null ? "période illisible" : e.getMessage();
            out.answer(i, Interactions.Ack.PRIVATE, ReplyRenderer.notice(Character.toUpperCase(why.charAt(0))
                    + why.substring(1) + "."), what + " (period refused)");
            return;
        }
        ReportSummary summary;
        try {
            summary = ReportSummary.of(questions, cases, period);
        } catch (StoreException e) {
            LOG.error("{}: the store failed ({})", what, e.getClass().getSimpleName());
            out.answer(i, Interactions.Ack.PRIVATE, ReplyRenderer.notice("Les statistiques n'ont pas pu être lues (incident de "
                    + "stockage) ; réessayez dans un instant."), what + " (store)");
            return;
        }
        Optional<byte[]> chart = summary.chartPng();
        boolean mayAttach = i.getBotPermissions().map(p -> p.contains(PermissionType.ATTACH_FILE)).orElse(true);
        String text = summary.text() + (chart.isPresent() && !mayAttach ? NO_ATTACH : "");
        List<DiscordMessage> messages = ReplyRenderer.notice(text);
        if (chart.isPresent() && mayAttach && messages.size() == 1) {
            out.answerWithFile(i, messages.get(0), CHART, chart.get(), what);
        } else {
            out.answer(i, Interactions.Ack.PRIVATE, messages, what);
        }
    }

    /** /dossiers: the open and claimed cases, oldest first, for advisers only. */
    void list(SlashCommandInteraction i) {
        if (!isAdviser(i)) {
            out.answer(i, Interactions.Ack.PRIVATE, ReplyRenderer.notice(NOT_ADVISER), "/dossiers (refused)");
            return;
        }
        List<HandoffCase> open = cases.list(EnumSet.of(CaseState.OPEN, CaseState.CLAIMED));
        out.answer(i, Interactions.Ack.PRIVATE, render(open), "/dossiers");
    }

    static List<DiscordMessage> render(List<HandoffCase> open) {
        if (open.isEmpty()) {
            return ReplyRenderer.notice("Aucun dossier en cours.");
        }
        List<Embed> embeds = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        for (HandoffCase c : open) {
            fields.add(new Field(CaseSummary.headline(c), "Conseiller : " + c.adviserId() + " · relais : " + c.backupId()
                    + "\nMotif : " + DiscordLimits.neutralize(c.reason())));
            if (fields.size() == DiscordLimits.FIELDS) {
                embeds.add(new Embed(embeds.isEmpty() ? "Dossiers en cours (" + open.size() + ")" : null, null, null, fields, null));
                fields = new ArrayList<>();
            }
        }
        if (!fields.isEmpty()) {
            embeds.add(new Embed(embeds.isEmpty() ? "Dossiers en cours (" + open.size() + ")" : null, null, null, fields, null));
        }
        return DiscordLimits.pack(null, embeds, List.of(), null, Set.of());
    }
}
