package fr.guichet.bot.discord;

import static fr.guichet.bot.discord.DiscordLimits.neutralize;

import fr.guichet.bot.discord.DiscordMessage.Button;
import fr.guichet.bot.discord.DiscordMessage.Embed;
import fr.guichet.bot.discord.DiscordMessage.Row;
import fr.guichet.bot.discord.DiscordMessage.Style;
import fr.guichet.bot.handoff.AdviserNotifier;
import fr.guichet.bot.handoff.CaseSummary;
import fr.guichet.bot.handoff.CaseEvent;
import fr.guichet.bot.handoff.CaseState;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.knowledge.catalogue.Adviser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells advisers of their cases in the staff channel: one thread per case, opened with the
 * summary and the transcript ({@link CaseSummary}) and the buttons « Je prends », « Clos »,
 * « Réaffecter ». The first message pings only the assigned adviser; reminders ping the
 * adviser and their backup, an escalation the backup. Called after the case is stored; a
 * failure is thrown to the caller (which logs it), after telling the staff channel when
 * Guichet lacks a permission.
 */
public final class DiscordNotifier implements AdviserNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(DiscordNotifier.class);

    public static final String CLAIM = "g:case:claim:";
    public static final String RESOLVE = "g:case:resolve:";
    public static final String REASSIGN = "g:case:reassign:";
    public static final String REASSIGN_TO = "g:case:to:";
    /** Prefix of the entrepreneur ids the Discord adapter gives the core. */
    public static final String USER_PREFIX = "discord:";

    private final StaffChannel staff;
    private final java.util.function.Supplier<Map<String, Adviser>> advisers;

    public DiscordNotifier(StaffChannel staff, Map<String, Adviser> advisers) {
        Map<String, Adviser> copy = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(advisers));
        this.staff = staff;
        this.advisers = () -> copy;
    }

    /** @param advisers the advisers of the catalogue being served, read each time (it may be reloaded) */
    public DiscordNotifier(StaffChannel staff, java.util.function.Supplier<Map<String, Adviser>> advisers) {
        this.staff = staff;
        this.advisers = advisers;
    }

    @Override
    public void caseOpened(HandoffCase c, Adviser adviser) {
        Set<Long> ping = ids(adviser);
        String content = mention(ping) + "📣 Nouveau dossier pour " + who(adviser) + " : " + c.id() + ".";
        send(c, () -> staff.openThread(c.id(), threadName(c), full(c, content, ping)));
    }

    @Override
    public void reminder(HandoffCase c, Adviser adviser) {
        Adviser backup = c.backupId() == null ? null : advisers.get().get(c.backupId());
        Set<Long> ping = new LinkedHashSet<>(ids(adviser));
        if (backup != null && !backup.id().equals(adviser.id())) {
            ping.addAll(ids(backup));
        }
        String content = mention(ping) + "⏰ Rappel : le dossier " + c.id() + " attend toujours d'être pris en charge par "
                + who(adviser) + "." + (backup != null && !backup.id().equals(adviser.id())
                ? " Sans réponse, il passera au relais, " + who(backup) + "." : "");
        send(c, () -> staff.postInThread(c.id(), threadName(c), short_(c, content, ping), full(c, null, Set.of())));
    }

    @Override
    public void escalated(HandoffCase c, Adviser backup) {
        Set<Long> ping = ids(backup);
        String content = mention(ping) + "⤴️ Le dossier " + c.id() + " n'a pas été pris en charge à temps : il passe au relais, "
                + who(backup) + ".";
        send(c, () -> staff.postInThread(c.id(), threadName(c), short_(c, content, ping), full(c, null, Set.of())));
    }

    /** An adviser gave the case to a colleague: the colleague, and only them, is pinged in the thread. */
    public void reassigned(HandoffCase c, Adviser to, String by) {
        Set<Long> ping = ids(to);
        String content = mention(ping) + "🔁 Dossier " + c.id() + " réaffecté à " + who(to) + " par " + neutralize(by) + ".";
        send(c, () -> staff.postInThread(c.id(), threadName(c), short_(c, content, ping), full(c, null, Set.of())));
    }

    /**
     * The entrepreneur asked to be forgotten. The thread says so (pinging the adviser when
     * the case was still theirs to handle: nobody must call), and Guichet's messages there
     * that showed the case (contact, Discord account, conversation, reason) are rewritten: the
     * first into the case as it now is, the others into a line saying they were erased. When
     * the thread is out of reach, the staff channel is asked to delete its messages.
     */
    @Override
    public void caseForgotten(HandoffCase c, Adviser adviser) {
        boolean cancelledNow = c.state() == CaseState.CANCELLED && c.lastEvent(CaseEvent.CANCELLED) != null
                && c.lastEvent(CaseEvent.CANCELLED).equals(c.lastEvent(CaseEvent.FORGOTTEN));
        Set<Long> ping = cancelledNow ? ids(adviser) : Set.of();
        String erased = " Ses coordonnées, la conversation et le motif sont effacés, ici comme dans la base de Guichet.";
        DiscordMessage notice = new DiscordMessage(mention(ping) + "🗑️ " + (cancelledNow
                ? "Dossier " + c.id() + " annulé : l'entrepreneur a demandé à être oublié (/oublier). Ne le recontactez pas."
                : "Dossier " + c.id() + " : l'entrepreneur a demandé à être oublié (/oublier).") + erased,
                List.of(), List.of(), ping);
        DiscordMessage first = new DiscordMessage("🗑️ Dossier " + c.id() + " " + c.state().label()
                + " : l'entrepreneur a demandé à être oublié.", List.of(Embed.of(CaseSummary.headline(c),
                "Coordonnées, compte Discord, conversation et motif effacés à sa demande (/oublier).\nConseiller : "
                        + c.adviserId() + " (relais : " + c.backupId() + ")")), List.of(), Set.of());
        DiscordMessage others = DiscordMessage.text("🗑️ Message effacé : l'entrepreneur a demandé à être oublié.");
        String deleteByHand = "⚠️ Guichet n'a pas pu modifier le fil du dossier " + c.id() + " : supprimez-en les messages "
                + "qui montrent les coordonnées et la conversation de l'entrepreneur, qui a demandé à être oublié.";
        try {
            if (staff.rewriteCase(c.id(), notice, first, others) == StaffChannel.Rewrite.OUT_OF_REACH) {
                notice(deleteByHand);
            }
        } catch (StaffChannel.DiscordFailure e) {
            LOG.warn("case {}: the thread of a forgotten case could not be rewritten ({})", c.id(), e.getMessage());
            notice(deleteByHand + (e.missingPermissions() ? " (Il lui manque une permission dans le salon des conseillers : "
                    + "Voir les anciens messages, Envoyer des messages dans les fils.)" : ""));
            throw e;
        }
    }

    /** A problem operators must fix (a permission missing somewhere), told in the staff channel; never throws. */
    public void notice(String text) {
        try {
            staff.notice(DiscordMessage.text(DiscordLimits.truncate(text, DiscordLimits.CONTENT))); // our text: its channel links stay
        } catch (RuntimeException e) {
            LOG.warn("staff notice could not be posted ({})", e.getClass().getSimpleName());
        }
    }

    private void send(HandoffCase c, Runnable sending) {
        try {
            sending.run();
        } catch (StaffChannel.DiscordFailure e) {
            LOG.warn("case {}: Discord refused the staff message ({})", c.id(), e.getMessage());
            if (e.missingPermissions()) {
                notice("⚠️ Guichet n'a pas pu ouvrir ou écrire le fil du dossier " + c.id() + " : une permission lui manque "
                        + "(Créer des fils publics, Envoyer des messages dans les fils). Le dossier est enregistré : "
                        + "`/dossiers` le montre.");
            }
            throw e;
        }
    }

    /** The first messages of a thread: content, summary and transcript, buttons. */
    List<DiscordMessage> full(HandoffCase c, String content, Set<Long> ping) {
        String summary = CaseSummary.full(c);
        int firstLine = summary.indexOf('\n');
        String body = firstLine >= 0 ? summary.substring(firstLine + 1) : summary;
        String account = entrepreneurMention(c.entrepreneurId()).map(m -> "Compte Discord : " + m + "\n").orElse("");
        List<Embed> embeds = DiscordLimits.textEmbeds(CaseSummary.headline(c), account + neutralize(body));
        return DiscordLimits.pack(content, embeds, List.of(buttons(c.id())), null, ping);
    }

    private List<DiscordMessage> short_(HandoffCase c, String content, Set<Long> ping) {
        return DiscordLimits.pack(content, List.of(Embed.of(CaseSummary.headline(c), "Motif : " + neutralize(c.reason())
                + "\nConseiller : " + c.adviserId() + " (relais : " + c.backupId() + ")")), List.of(buttons(c.id())), null, ping);
    }

    static Row buttons(String caseId) {
        return Row.of(Button.of(Style.SUCCESS, CLAIM + caseId, "Je prends"),
                Button.of(Style.DANGER, RESOLVE + caseId, "Clos"),
                Button.of(Style.SECONDARY, REASSIGN + caseId, "Réaffecter"));
    }

    static String threadName(HandoffCase c) {
        return DiscordLimits.truncate(c.id() + " · " + (c.theme() == null ? "dossier" : c.theme().label()),
                DiscordLimits.THREAD_NAME);
    }

    /** The adviser's Discord user id, if the catalogue gives a valid one. */
    static Optional<Long> discordId(Adviser a) {
        if (a == null || a.discordUserId() == null || !a.discordUserId().strip().matches("[0-9]{1,20}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(a.discordUserId().strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Set<Long> ids(Adviser a) {
        return discordId(a).map(Set::of).orElse(Set.of());
    }

    private static String mention(Set<Long> ids) {
        StringBuilder s = new StringBuilder();
        ids.forEach(id -> s.append("<@").append(id).append("> "));
        return s.toString();
    }

    private static String who(Adviser a) {
        String name = a.name() + " (" + a.role() + ")";
        if (discordId(a).isPresent()) {
            return name;
        }
        return name + " [pas de compte Discord dans le catalogue" + (a.email() != null ? " ; " + a.email() : "") + "]";
    }

    static Optional<String> entrepreneurMention(String entrepreneurId) {
        if (entrepreneurId != null && entrepreneurId.startsWith(USER_PREFIX)
                && entrepreneurId.substring(USER_PREFIX.length()).matches("[0-9]{1,20}")) {
            return Optional.of("<@" + entrepreneurId.substring(USER_PREFIX.length()) + ">");
        }
        return Optional.empty();
    }

    /** For the select menu of « Réaffecter ». */
    List<Adviser> advisers() {
        return new ArrayList<>(advisers.get().values());
    }
}
