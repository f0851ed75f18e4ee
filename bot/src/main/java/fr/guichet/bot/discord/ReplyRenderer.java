package fr.guichet.bot.discord;

import static fr.guichet.bot.discord.DiscordLimits.neutralize;

import fr.guichet.bot.assistant.Card;
import fr.guichet.bot.assistant.Cards;
import fr.guichet.bot.assistant.Profile;
import fr.guichet.bot.assistant.Reply;
import fr.guichet.bot.discord.DiscordMessage.Button;
import fr.guichet.bot.discord.DiscordMessage.Component;
import fr.guichet.bot.discord.DiscordMessage.Embed;
import fr.guichet.bot.discord.DiscordMessage.Field;
import fr.guichet.bot.discord.DiscordMessage.Option;
import fr.guichet.bot.discord.DiscordMessage.Row;
import fr.guichet.bot.discord.DiscordMessage.Select;
import fr.guichet.bot.discord.DiscordMessage.Style;
import fr.guichet.bot.handoff.AdviserRouter;
import fr.guichet.knowledge.catalogue.CatalogueInfo;
import fr.guichet.knowledge.catalogue.Entry;
import fr.guichet.knowledge.catalogue.EntryKind;
import fr.guichet.knowledge.catalogue.Theme;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what the assistant says into Discord messages that Discord always accepts: the
 * answer as embed text, one embed per entry shown (title linked, what it gives or price,
 * duration and next session), the buttons, and a footer naming the catalogue (a sample one says so).
 * Pure: no Javacord, no I/O.
 */
public final class ReplyRenderer {
    /** Custom ids Guichet routes on; an id never carries personal data. */
    public static final String HANDOFF = "g:handoff";
    public static final String HELPFUL = "g:up";
    public static final String UNHELPFUL = "g:down";
    public static final String MORE = "g:more:";
    public static final String MORE_MENU = "g:more-menu";
    public static final String ASK = "g:ask:";
    public static final String HANDOFF_LABEL = "Parler à un conseiller";

    /** Entries listed by /dispositifs and /formations before asking to narrow down. */
    static final int LISTED = 24;

    private final String footer;

    /** @param lastReviewed the catalogue's most recent review date, if known */
    public ReplyRenderer(Optional<LocalDate> lastReviewed) {
        this(CatalogueInfo.NONE, lastReviewed);
    }

    /** @param info what the catalogue says of itself: a sample catalogue's footer says it is one */
    public ReplyRenderer(CatalogueInfo info, Optional<LocalDate> lastReviewed) {
        this.footer = Cards.footer(info, lastReviewed);
    }

    /** The footer, or the sample one when what is shown comes from a sample catalogue. */
    private String footer(boolean sample) {
        return sample ? Cards.footer(new CatalogueInfo(null, null, true), Optional.empty()) : footer;
    }

    public String footer() {
        return footer;
    }

    /** An answer: its text, its cards, and the buttons (adviser, 👍 👎, link and details per card, suggestions). */
    public List<DiscordMessage> reply(Reply reply) {
        List<Embed> embeds = new ArrayList<>(DiscordLimits.textEmbeds(null, neutralize(withDelayNotice(reply))));
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of(
                Button.of(reply.handoff().needed() ? Style.PRIMARY : Style.SECONDARY, HANDOFF, HANDOFF_LABEL),
                new Button(Style.SECONDARY, HELPFUL, null, "👍"),
                new Button(Style.SECONDARY, UNHELPFUL, null, "👎")));
        for (Card card : reply.cards()) {
            embeds.add(cardEmbed(card));
            List<Component> buttons = new ArrayList<>();
            if (DiscordLimits.isWebUrl(card.url())) {
                buttons.add(Button.link(card.url(), card.linkButton()));
            }
            buttons.add(Button.of(Style.SECONDARY, MORE + card.entryId(), "Plus de détails"));
            rows.add(new Row(buttons));
        }
        List<Component> suggestions = new ArrayList<>();
        for (String s : reply.suggestions()) {
            if (!s.equals(HANDOFF_LABEL) && s.length() <= DiscordLimits.BUTTON_LABEL) {
                suggestions.add(Button.of(Style.SECONDARY, ASK + s, s));
            }
        }
        if (!suggestions.isEmpty()) {
            rows.add(new Row(suggestions));
        }
        return DiscordLimits.pack(null, embeds, rows, footer(reply.cards().stream().anyMatch(Card::sample)), Set.of());
    }

    /** A proposal to hand the case to an adviser: its text and the one button that opens the form. */
    public List<DiscordMessage> proposal(Reply proposal) {
        return DiscordLimits.pack(null, DiscordLimits.textEmbeds("Un conseiller peut prendre le relais",
                        neutralize(withDelayNotice(proposal))),
                List.of(Row.of(Button.of(Style.PRIMARY, HANDOFF, HANDOFF_LABEL))), null, Set.of());
    }

    /**
     * The reply's text and, when every adviser of the domain is away, what that means for the
     * delay ({@link AdviserRouter.Routing#delayNotice()}): the usual delay cannot be promised.
     * The assistant may already say it in its text; it is then not said twice.
     */
    static String withDelayNotice(Reply reply) {
        return reply.proposedAdviser().flatMap(AdviserRouter.Routing::delayNotice)
                .filter(notice -> !reply.text().contains(notice))
                .map(notice -> reply.text() + "\n\n⚠️ " + notice)
                .orElse(reply.text());
    }

    /** A short notice (refusal, confirmation), as plain content. */
    public static List<DiscordMessage> notice(String text) {
        return DiscordLimits.pack(neutralize(text), List.of(), List.of(), null, Set.of());
    }

    private static Embed cardEmbed(Card card) {
        String kind = card.kind() == null || card.kind().isEmpty() ? ""
                : "**" + Character.toUpperCase(card.kind().charAt(0)) + card.kind().substring(1) + "** · ";
        return new Embed(neutralize(card.title()), DiscordLimits.isWebUrl(card.url()) ? card.url() : null,
                kind + neutralize(card.detail() == null ? "" : card.detail()), List.of(), null);
    }

    /**
     * The schemes or trainings of a theme (or, without a theme, how many per theme), for
     * /dispositifs and /formations. A menu offers the details of each entry listed.
     */
    public List<DiscordMessage> listing(EntryKind kind, Optional<Theme> theme, List<Entry> offered, LocalDate today) {
        String what = kind == EntryKind.TRAINING ? "formations" : "dispositifs";
        if (theme.isEmpty()) {
            List<Field> fields = new ArrayList<>();
            for (Theme t : Theme.values()) {
                long n = offered.stream().filter(e -> e.themes().contains(t)).count();
                if (n > 0) {
                    fields.add(new Field(t.label(), n + " " + (n > 1 ? what : what.substring(0, what.length() - 1))
                            + " · `/" + what + " thème:" + t.code() + "`"));
                }
            }
            String intro = fields.isEmpty() ? "Le catalogue ne compte aucun" + (kind == EntryKind.TRAINING ? "e formation" : " dispositif")
                    + " en ce moment." : "Choisissez un thème pour voir les " + what + " :";
            return DiscordLimits.pack(null, splitFields(capitalize(what) + " par thème", intro, fields), List.of(), footer, Set.of());
        }
        List<Entry> inTheme = offered.stream().filter(e -> e.themes().contains(theme.get())).toList();
        if (inTheme.isEmpty()) {
            return DiscordLimits.pack(null, List.of(Embed.of(capitalize(what) + " · " + theme.get().label(),
                    "Aucun" + (kind == EntryKind.TRAINING ? "e formation" : " dispositif") + " de ce thème dans le catalogue "
                            + "en ce moment. Posez votre question avec `/question` : je chercherai plus large.")),
                    List.of(), footer, Set.of());
        }
        List<Entry> shown = inTheme.subList(0, Math.min(LISTED, inTheme.size()));
        List<Field> fields = new ArrayList<>();
        List<Option> options = new ArrayList<>();
        for (Entry e : shown) {
            Card card = Cards.card(e, today);
            fields.add(new Field(neutralize(e.title()), neutralize(card.detail())
                    + (DiscordLimits.isWebUrl(e.url()) ? "\n" + e.url() : "")));
            options.add(new Option(e.title(), e.id(), Cards.firstSentences(card.detail() == null ? "" : card.detail(), 90)));
        }
        String intro = inTheme.size() + " " + what + " pour le thème « " + theme.get().label() + " »"
                + (inTheme.size() > shown.size() ? " ; voici les " + shown.size() + " premiers. Pour affiner, posez votre "
                + "question avec `/question`." : ".");
        List<Row> rows = List.of(Row.of(new Select(MORE_MENU, "Plus de détails sur…", options)));
        return DiscordLimits.pack(null, splitFields(capitalize(what) + " · " + theme.get().label(), intro, fields), rows,
                footer, Set.of());
    }

    /** Fields spread over as many embeds as needed, 25 at most each. */
    private static List<Embed> splitFields(String title, String intro, List<Field> fields) {
        List<Embed> embeds = new ArrayList<>();
        for (int i = 0; i < Math.max(1, fields.size()); i += DiscordLimits.FIELDS) {
            List<Field> part = fields.isEmpty() ? List.of() : fields.subList(i, Math.min(fields.size(), i + DiscordLimits.FIELDS));
            embeds.add(new Embed(i == 0 ? title : null, null, i == 0 ? intro : null, part, null));
        }
        return embeds;
    }

    /** Everything the catalogue says of one entry, for « Plus de détails ». */
    public List<DiscordMessage> details(Entry e, LocalDate today) {
        List<Field> fields = new ArrayList<>();
        if (e.kind() == EntryKind.TRAINING) {
            fields.add(new Field("Prix, durée, prochaine session", Cards.trainingFacts(e, today)));
        }
        add(fields, "Ce que ça apporte", e.benefit());
        String amount = amount(e.amountMin(), e.amountMax());
        add(fields, "Montant", amount);
        add(fields, "Coût", e.cost());
        List<String> audience = new ArrayList<>();
        e.audience().stages().forEach(s -> audience.add(s.label()));
        audience.addAll(e.audience().sectors());
        add(fields, "Pour qui", audience.isEmpty() ? null : String.join(", ", audience));
        add(fields, "Conditions", e.audience().conditions().isEmpty() ? null : "• " + String.join("\n• ", e.audience().conditions()));
        add(fields, "Comment en bénéficier", e.howToApply());
        add(fields, "Porté par", e.provider());
        add(fields, "Territoire", e.territories().isEmpty() ? null : String.join(", ", e.territories()));
        String description = e.description() != null ? e.description() : e.summary();
        Embed embed = new Embed(neutralize(e.title()), DiscordLimits.isWebUrl(e.url()) ? e.url() : null,
                neutralize(description == null ? "" : Cards.firstSentences(description, 1500)), fields,
                null);
        List<Row> rows = new ArrayList<>();
        if (DiscordLimits.isWebUrl(e.url())) {
            rows.add(Row.of(Button.link(e.url(), Cards.linkLabel(e.url()))));
        }
        rows.add(Row.of(Button.of(Style.SECONDARY, HANDOFF, HANDOFF_LABEL)));
        String foot = Cards.verification(e).orElse(footer(e.provenance().fromSample()));
        return DiscordLimits.pack(null, List.of(embed), rows, foot, Set.of());
    }

    private static void add(List<Field> fields, String name, String value) {
        if (value != null && !value.isBlank()) {
            fields.add(new Field(name, neutralize(value.strip())));
        }
    }

    private static String amount(BigDecimal min, BigDecimal max) {
        if (min == null && max == null) {
            return null;
        }
        if (min != null && max != null && min.compareTo(max) != 0) {
            return "de " + euros(min) + " à " + euros(max);
        }
        if (max != null) {
            return min == null ? "jusqu'à " + euros(max) : euros(max);
        }
        return "à partir de " + euros(min);
    }

    private static String euros(BigDecimal amount) {
        NumberFormat f = NumberFormat.getNumberInstance(Locale.FRANCE);
        f.setMaximumFractionDigits(2);
        return f.format(amount).replace('\u202f', ' ').replace('\u00a0', ' ') + " €";
    }

    /** What Guichet understood of the company, for /profil. */
    public List<DiscordMessage> profile(Profile p) {
        if (p.isEmpty()) {
            return notice("Je ne sais encore rien de votre entreprise : dites-moi où vous en êtes, votre secteur, "
                    + "votre commune (par exemple avec `/question`).");
        }
        List<Field> fields = List.of(
                new Field("Stade", p.stage() == null ? "?" : p.stage().label()),
                new Field("Secteur", p.sector() == null ? "?" : neutralize(p.sector())),
                new Field("Commune", p.place() == null ? "?" : neutralize(p.place())),
                new Field("Effectif", p.headcount() == null ? "?" : p.headcount().toString()));
        return DiscordLimits.pack(null, List.of(new Embed("Ce que j'ai compris de votre entreprise", null,
                "Ces informations servent seulement à mieux vous orienter ; `/oublier` les efface.", fields, null)),
                List.of(), null, Set.of());
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
