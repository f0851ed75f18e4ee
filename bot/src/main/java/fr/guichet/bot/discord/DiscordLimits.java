package fr.guichet.bot.discord;

import fr.guichet.bot.discord.DiscordMessage.Button;
import fr.guichet.bot.discord.DiscordMessage.Component;
import fr.guichet.bot.discord.DiscordMessage.Embed;
import fr.guichet.bot.discord.DiscordMessage.Field;
import fr.guichet.bot.discord.DiscordMessage.Option;
import fr.guichet.bot.discord.DiscordMessage.Row;
import fr.guichet.bot.discord.DiscordMessage.Select;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Discord accepts in one message, and the pure functions that keep Guichet's messages
 * within it: trimming on a word, splitting on paragraphs, packing embeds into messages.
 * Lengths are counted in UTF-16 units, as Discord does (an emoji may count as two).
 */
public final class DiscordLimits {
    public static final int CONTENT = 2000;
    public static final int EMBED_TITLE = 256;
    public static final int EMBED_DESCRIPTION = 4096;
    public static final int FIELDS = 25;
    public static final int FIELD_NAME = 256;
    public static final int FIELD_VALUE = 1024;
    public static final int FOOTER = 2048;
    /** Title, description, fields and footer of all the embeds of one message together. */
    public static final int EMBEDS_TOTAL = 6000;
    public static final int EMBEDS = 10;
    public static final int ROWS = 5;
    public static final int BUTTONS_PER_ROW = 5;
    public static final int BUTTON_LABEL = 80;
    public static final int CUSTOM_ID = 100;
    public static final int URL = 512;
    public static final int SELECT_OPTIONS = 25;
    public static final int OPTION_TEXT = 100;
    public static final int THREAD_NAME = 100;
    public static final int MODAL_TITLE = 45;
    public static final int INPUT_LABEL = 45;
    /** Footers added by {@link #pack} are kept short so that any fitted embed and its footer fit in one message. */
    static final int PACKED_FOOTER = 500;

    private static final String ELLIPSIS = "…";
    private static final Pattern MASS_MENTION = Pattern.compile("@(everyone|here)", Pattern.CASE_INSENSITIVE);
    private static final char ZWSP = '\u200B';

    private DiscordLimits() {
    }

    /**
     * Makes text that came from a user (or from a model that read it) harmless if echoed:
     * {@code @everyone}, {@code @here} and {@code <@…>} mention syntax get an invisible
     * character so they render as text. Allowed mentions already forbid pings; this is the second lock.
     */
    public static String neutralize(String text) {
        if (text == null) {
            return null;
        }
        String s = MASS_MENTION.matcher(text).replaceAll(m -> "@" + ZWSP + m.group(1));
        return s.replace("<@", "<@" + ZWSP).replace("<#", "<#" + ZWSP);
    }

    /** The text cut to at most {@code max} characters, on a word when one is near, with an ellipsis. */
    public static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        if (max <= ELLIPSIS.length()) {
            return text.substring(0, max);
        }
        int limit = max - ELLIPSIS.length();
        int cut = limit;
        int space = text.lastIndexOf(' ', limit);
        if (space > limit * 2 / 3) {
            cut = space;
        }
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--; // never split an emoji in two
        }
        return text.substring(0, cut).stripTrailing() + ELLIPSIS;
    }

    /**
     * Splits text into pieces of at most {@code max} characters, preferring to cut between
     * paragraphs, then lines, then sentences, then words. Nothing is lost but the whitespace at a cut.
     */
    public static List<String> split(String text, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive");
        }
        List<String> parts = new ArrayList<>();
        String rest = text == null ? "" : text.strip();
        while (rest.length() > max) {
            int cut = cutPoint(rest, max);
            String part = rest.substring(0, cut).stripTrailing();
            if (part.isEmpty()) {
                part = rest.substring(0, cut);
            }
            parts.add(part);
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty() || parts.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }

    private static int cutPoint(String text, int max) {
        int floor = max / 2;
        for (String separator : List.of("\n\n", "\n", ". ", " ")) {
            int at = text.lastIndexOf(separator, max - separator.length());
            if (at >= floor) {
                return at + separator.length();
            }
        }
        int cut = max;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return cut;
    }

    /** An embed made to fit: title, description, footer and every field trimmed, at most 25 fields. */
    public static Embed fit(Embed e) {
        List<Field> fields = new ArrayList<>();
        for (Field f : e.fields().subList(0, Math.min(FIELDS, e.fields().size()))) {
            String name = f.name() == null || f.name().isBlank() ? "\u200B" : truncate(f.name(), FIELD_NAME);
            String value = f.value() == null || f.value().isBlank() ? "-" : truncate(f.value(), FIELD_VALUE);
            fields.add(new Field(name, value));
        }
        String url = e.url() != null && isWebUrl(e.url()) ? e.url() : null;
        return new Embed(truncate(e.title(), EMBED_TITLE), url, truncate(e.description(), EMBED_DESCRIPTION), fields,
                truncate(e.footer(), FOOTER));
    }

    /** Whether Discord takes it as a link (embed url, link button). */
    public static boolean isWebUrl(String url) {
        return url != null && url.length() <= URL && (url.startsWith("https://") || url.startsWith("http://"))
                && !url.contains(" ");
    }

    /**
     * Long text as embeds: the first with the title, the next ones continuing the description.
     */
    public static List<Embed> textEmbeds(String title, String text) {
        List<Embed> embeds = new ArrayList<>();
        if ((text == null || text.isBlank()) && (title == null || title.isBlank())) {
            return embeds; // Discord refuses an empty embed
        }
        List<String> parts = split(text, EMBED_DESCRIPTION);
        for (int i = 0; i < parts.size(); i++) {
            embeds.add(Embed.of(i == 0 ? truncate(title, EMBED_TITLE) : null, parts.get(i)));
        }
        return embeds;
    }

    /**
     * Packs content, embeds and rows into as few messages as Discord accepts: long content is
     * split, embeds are grouped by ten and 6,000 characters, the rows go on the last message
     * (at most five, extra rows dropped), the footer on the last embed of each message, and the
     * mentions only on the first message (the one whose content carries them).
     */
    public static List<DiscordMessage> pack(String content, List<Embed> embeds, List<Row> rows, String footer,
                                            Set<Long> mentionUsers) {
        List<String> contents = content == null || content.isBlank() ? List.of() : split(content, CONTENT);
        List<List<Embed>> groups = new ArrayList<>();
        List<Embed> current = new ArrayList<>();
        int size = 0;
        String foot = footer == null ? null : truncate(footer, PACKED_FOOTER);
        int footLength = foot == null ? 0 : foot.length();
        List<Embed> spreadEmbeds = new ArrayList<>();
        embeds.forEach(raw -> spreadEmbeds.addAll(spread(fit(raw), EMBEDS_TOTAL - footLength)));
        for (Embed e : spreadEmbeds) {
            if (!current.isEmpty() && (current.size() == EMBEDS || size + e.length() + footLength > EMBEDS_TOTAL)) {
                groups.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(e);
            size += e.length();
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        List<Row> fitted = fitRows(rows);
        List<DiscordMessage> messages = new ArrayList<>();
        int k = contents.size();
        int g = groups.size();
        int total = Math.max(1, k == 0 ? g : g == 0 ? k : k - 1 + g);
        for (int i = 0; i < total; i++) {
            String text = i < contents.size() ? contents.get(i) : "";
            int groupIndex = i - Math.max(0, contents.size() - 1);
            List<Embed> group = groupIndex >= 0 && groupIndex < groups.size() ? withFooter(groups.get(groupIndex), foot)
                    : List.of();
            boolean last = i == total - 1;
            messages.add(new DiscordMessage(text, group, last ? fitted : List.of(), i == 0 ? mentionUsers : Set.of()));
        }
        return messages;
    }

    /**
     * The same messages without embeds, their text in the content instead (for a channel where
     * the bot may not embed links: embeds would arrive empty). Mentions stay on the first
     * message, the components on the last.
     */
    public static List<DiscordMessage> asText(List<DiscordMessage> messages) {
        StringBuilder text = new StringBuilder();
        List<Row> rows = new ArrayList<>();
        Set<Long> mentions = messages.isEmpty() ? Set.of() : messages.get(0).mentionUsers();
        for (DiscordMessage m : messages) {
            append(text, m.content());
            for (Embed e : m.embeds()) {
                append(text, e.title() == null ? null : "**" + e.title() + "**" + (e.url() == null ? "" : " <" + e.url() + ">"));
                append(text, e.description());
                for (Field f : e.fields()) {
                    append(text, "**" + f.name() + "** : " + f.value());
                }
                append(text, e.footer() == null ? null : "_" + e.footer() + "_");
            }
            rows.addAll(m.rows());
        }
        return pack(text.toString(), List.of(), rows, null, mentions);
    }

    private static void append(StringBuilder text, String part) {
        if (part != null && !part.isBlank()) {
            text.append(text.isEmpty() ? "" : "\n").append(part.strip());
        }
    }

    /**
     * An embed too long for one message (25 long fields and a long description) as several:
     * the first with title and description, the next ones continuing the fields.
     */
    static List<Embed> spread(Embed e, int budget) {
        if (e.length() <= budget) {
            return List.of(e);
        }
        List<Embed> parts = new ArrayList<>();
        Embed head = new Embed(e.title(), e.url(), e.description(), List.of(), e.footer());
        int used = head.length();
        List<Field> fields = new ArrayList<>();
        for (Field f : e.fields()) {
            int size = f.name().length() + f.value().length();
            if (used + size > budget) {
                parts.add(new Embed(head.title(), head.url(), head.description(), fields, head.footer()));
                head = new Embed(null, null, null, List.of(), null);
                fields = new ArrayList<>();
                used = 0;
            }
            fields.add(f);
            used += size;
        }
        parts.add(new Embed(head.title(), head.url(), head.description(), fields, head.footer()));
        return parts;
    }

    private static List<Embed> withFooter(List<Embed> group, String footer) {
        if (footer == null || group.isEmpty()) {
            return group;
        }
        List<Embed> copy = new ArrayList<>(group);
        copy.set(copy.size() - 1, copy.get(copy.size() - 1).withFooter(footer));
        return copy;
    }

    /** Rows trimmed to Discord's rules: labels, ids, five buttons a row, five rows; invalid components dropped. */
    public static List<Row> fitRows(List<Row> rows) {
        List<Row> fitted = new ArrayList<>();
        for (Row row : rows) {
            List<Component> kept = new ArrayList<>();
            for (Component c : row.components()) {
                Component f = fitComponent(c);
                if (f != null) {
                    kept.add(f);
                }
            }
            if (kept.isEmpty()) {
                continue;
            }
            if (kept.stream().anyMatch(c -> c instanceof Select)) {
                kept.stream().filter(c -> c instanceof Select).findFirst().ifPresent(s -> fitted.add(Row.of(s)));
            } else {
                for (int i = 0; i < kept.size(); i += BUTTONS_PER_ROW) {
                    fitted.add(new Row(kept.subList(i, Math.min(kept.size(), i + BUTTONS_PER_ROW))));
                }
            }
        }
        return fitted.size() > ROWS ? List.copyOf(fitted.subList(0, ROWS)) : fitted;
    }

    private static Component fitComponent(Component c) {
        if (c instanceof Button b) {
            boolean link = b.style() == DiscordMessage.Style.LINK;
            if (link ? !isWebUrl(b.target()) : b.target() == null || b.target().isEmpty() || b.target().length() > CUSTOM_ID) {
                return null;
            }
            String label = b.label() == null || b.label().isBlank() ? null : truncate(b.label(), BUTTON_LABEL);
            if (label == null && b.emoji() == null) {
                return null;
            }
            return new Button(b.style(), b.target(), label, b.emoji());
        }
        Select s = (Select) c;
        if (s.customId() == null || s.customId().length() > CUSTOM_ID || s.options().isEmpty()) {
            return null;
        }
        List<Option> options = new ArrayList<>();
        for (Option o : s.options()) {
            if (o.value() == null || o.value().length() > OPTION_TEXT || options.size() == SELECT_OPTIONS) {
                continue;
            }
            options.add(new Option(truncate(o.label(), OPTION_TEXT), o.value(),
                    o.description() == null || o.description().isBlank() ? null : truncate(o.description(), OPTION_TEXT)));
        }
        return options.isEmpty() ? null : new Select(s.customId(), truncate(s.placeholder(), 150), options);
    }

    /**
     * Every limit Discord enforces on a message, as a list of broken rules (empty when it
     * would be accepted). Used by tests and as a last guard before sending.
     */
    public static List<String> violations(DiscordMessage m) {
        List<String> problems = new ArrayList<>();
        if (m.content().length() > CONTENT) {
            problems.add("content " + m.content().length() + " > " + CONTENT);
        }
        if (m.content().isEmpty() && m.embeds().isEmpty()) {
            problems.add("empty message");
        }
        if (m.embeds().size() > EMBEDS) {
            problems.add("embeds " + m.embeds().size() + " > " + EMBEDS);
        }
        int total = 0;
        for (Embed e : m.embeds()) {
            total += e.length();
            if (e.length() == 0) {
                problems.add("empty embed");
            }
            over(problems, "title", e.title(), EMBED_TITLE);
            over(problems, "description", e.description(), EMBED_DESCRIPTION);
            over(problems, "footer", e.footer(), FOOTER);
            if (e.fields().size() > FIELDS) {
                problems.add("fields " + e.fields().size() + " > " + FIELDS);
            }
            for (Field f : e.fields()) {
                over(problems, "field name", f.name(), FIELD_NAME);
                over(problems, "field value", f.value(), FIELD_VALUE);
            }
            if (e.url() != null && !isWebUrl(e.url())) {
                problems.add("embed url not a web link");
            }
        }
        if (total > EMBEDS_TOTAL) {
            problems.add("embeds total " + total + " > " + EMBEDS_TOTAL);
        }
        if (m.rows().size() > ROWS) {
            problems.add("rows " + m.rows().size() + " > " + ROWS);
        }
        for (Row r : m.rows()) {
            if (r.components().size() > BUTTONS_PER_ROW) {
                problems.add("components in a row " + r.components().size() + " > " + BUTTONS_PER_ROW);
            }
            for (Component c : r.components()) {
                if (c instanceof Button b) {
                    over(problems, "button label", b.label(), BUTTON_LABEL);
                    if (b.style() != DiscordMessage.Style.LINK) {
                        over(problems, "custom id", b.target(), CUSTOM_ID);
                    } else if (!isWebUrl(b.target())) {
                        problems.add("link button without a web url");
                    }
                } else if (c instanceof Select s) {
                    if (r.components().size() > 1) {
                        problems.add("select menu sharing its row");
                    }
                    if (s.options().size() > SELECT_OPTIONS || s.options().isEmpty()) {
                        problems.add("select options " + s.options().size());
                    }
                    s.options().forEach(o -> {
                        over(problems, "option label", o.label(), OPTION_TEXT);
                        over(problems, "option description", o.description(), OPTION_TEXT);
                    });
                }
            }
        }
        return problems;
    }

    private static void over(List<String> problems, String what, String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(what + " " + value.length() + " > " + max);
        }
    }
}
