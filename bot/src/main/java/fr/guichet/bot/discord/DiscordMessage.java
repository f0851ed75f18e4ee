package fr.guichet.bot.discord;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A message as Guichet means to send it to Discord, independent of Javacord: content, embeds,
 * rows of components and the only users it may ping. {@link JavacordMessages} turns it into
 * Javacord builders; {@link DiscordLimits#check} says whether Discord would accept it.
 *
 * @param mentionUsers the users this message may ping; empty for nearly every message (no
 *                     @everyone, @here, role or user ping is ever allowed otherwise)
 */
public record DiscordMessage(String content, List<Embed> embeds, List<Row> rows, Set<Long> mentionUsers) {

    public DiscordMessage {
        content = content == null ? "" : content;
        embeds = List.copyOf(embeds);
        rows = List.copyOf(rows);
        mentionUsers = Set.copyOf(mentionUsers);
    }

    public static DiscordMessage text(String content) {
        return new DiscordMessage(content, List.of(), List.of(), Set.of());
    }

    public DiscordMessage withRows(List<Row> newRows) {
        return new DiscordMessage(content, embeds, newRows, mentionUsers);
    }

    public DiscordMessage withMentions(Set<Long> users) {
        return new DiscordMessage(content, embeds, rows, users);
    }

    /** An embed; null title, url or footer are left out. */
    public record Embed(String title, String url, String description, List<Field> fields, String footer) {
        public Embed {
            fields = List.copyOf(fields);
        }

        public static Embed of(String title, String description) {
            return new Embed(title, null, description, List.of(), null);
        }

        public Embed withFooter(String text) {
            return new Embed(title, url, description, fields, text);
        }

        /** The characters Discord counts against its 6,000 per message. */
        public int length() {
            int n = len(title) + len(description) + len(footer);
            for (Field f : fields) {
                n += len(f.name()) + len(f.value());
            }
            return n;
        }

        private static int len(String s) {
            return s == null ? 0 : s.length();
        }
    }

    public record Field(String name, String value) {
    }

    /** One action row: up to five buttons, or one select menu. */
    public record Row(List<Component> components) {
        public Row {
            components = List.copyOf(components);
        }

        public static Row of(Component... components) {
            return new Row(List.of(components));
        }
    }

    public sealed interface Component permits Button, Select {
    }

    public enum Style { PRIMARY, SECONDARY, SUCCESS, DANGER, LINK }

    /**
     * A button. For {@link Style#LINK} {@code target} is the URL, else the custom id Guichet
     * routes on. {@code emoji} is a unicode emoji or null.
     */
    public record Button(Style style, String target, String label, String emoji) implements Component {
        public static Button of(Style style, String customId, String label) {
            return new Button(style, customId, label, null);
        }

        public static Button link(String url, String label) {
            return new Button(Style.LINK, url, label, null);
        }
    }

    /** A string select menu choosing exactly one option. */
    public record Select(String customId, String placeholder, List<Option> options) implements Component {
        public Select {
            options = List.copyOf(options);
        }
    }

    public record Option(String label, String value, String description) {
    }

    /** All buttons of a message, in order. */
    public List<Button> buttons() {
        List<Button> all = new ArrayList<>();
        rows.forEach(r -> r.components().forEach(c -> {
            if (c instanceof Button b) {
                all.add(b);
            }
        }));
        return all;
    }
}
