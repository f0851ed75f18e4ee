package fr.guichet.bot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.bot.discord.DiscordMessage.Button;
import fr.guichet.bot.discord.DiscordMessage.Embed;
import fr.guichet.bot.discord.DiscordMessage.Field;
import fr.guichet.bot.discord.DiscordMessage.Row;
import fr.guichet.bot.discord.DiscordMessage.Style;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DiscordLimitsTest {

    private static String words(int n) {
        return IntStream.range(0, n).mapToObj(i -> "mot" + i).collect(Collectors.joining(" "));
    }

    @Test
    void truncateCutsOnAWordAndNeverExceeds() {
        String text = "Prêt d'honneur à taux zéro pour la création ou la reprise d'entreprise";
        String cut = DiscordLimits.truncate(text, 30);
        assertTrue(cut.length() <= 30, cut);
        assertTrue(cut.endsWith("…"));
        assertTrue(text.startsWith(cut.substring(0, cut.length() - 1)), "a prefix of the text, cut between words");
        assertFalse(cut.substring(0, cut.length() - 1).endsWith(" "));
        assertEquals(text, DiscordLimits.truncate(text, 200));
        // an emoji (two UTF-16 units) is never split
        String emojis = "😀".repeat(10);
        String short_ = DiscordLimits.truncate(emojis, 6);
        assertTrue(short_.length() <= 6);
        assertFalse(Character.isHighSurrogate(short_.charAt(short_.length() - 2)), short_);
    }

    @Test
    void splitPrefersParagraphsAndLosesNoWord() {
        String text = words(300) + "\n\n" + words(300) + "\n\n" + words(300);
        List<String> parts = DiscordLimits.split(text, 2000);
        assertTrue(parts.size() >= 2);
        parts.forEach(p -> assertTrue(p.length() <= 2000, "part of " + p.length()));
        assertEquals(text.replaceAll("\\s+", " "), String.join(" ", parts).replaceAll("\\s+", " "));
        // a first cut between paragraphs, when one is near the limit
        assertTrue(text.startsWith(parts.get(0) + "\n\n"));
        // one very long word is still cut
        List<String> hard = DiscordLimits.split("x".repeat(5000), 2000);
        assertEquals(List.of(2000, 2000, 1000), hard.stream().map(String::length).toList());
    }

    @Test
    void neutralizeDefusesMassMentionsAndMentionSyntax() {
        String s = DiscordLimits.neutralize("Salut @everyone et @HERE, voyez <@123> et <@&456> dans <#789>");
        assertFalse(s.contains("@everyone"));
        assertFalse(s.toLowerCase().contains("@here"));
        assertFalse(s.contains("<@1"));
        assertFalse(s.contains("<@&"));
        assertFalse(s.contains("<#7"));
        assertEquals("Salut @everyone et @HERE, voyez <@123> et <@&456> dans <#789>", s.replace("\u200B", ""),
                "only invisible characters were added");
    }

    @Test
    void packKeepsEveryLimitOnAHugeMessage() {
        String content = words(2000); // ~15,000 characters of content
        List<Embed> embeds = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            List<Field> fields = new ArrayList<>();
            for (int f = 0; f < 40; f++) {
                fields.add(new Field("n".repeat(300), "v".repeat(2000)));
            }
            embeds.add(new Embed("t".repeat(400), "https://example.org/" + i, "d".repeat(9000), fields, "f".repeat(3000)));
        }
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < 8; r++) {
            List<DiscordMessage.Component> buttons = new ArrayList<>();
            for (int b = 0; b < 7; b++) {
                buttons.add(Button.of(Style.SECONDARY, "g:x:" + r + b, "L".repeat(120)));
            }
            rows.add(new Row(buttons));
        }
        rows.add(Row.of(Button.of(Style.SECONDARY, "i".repeat(150), "id too long")));
        rows.add(Row.of(Button.link("javascript:alert(1)", "not a web link")));
        List<DiscordMessage> messages = DiscordLimits.pack(content, embeds, rows, "Sources : catalogue", Set.of(5L));
        DiscordFixtures.assertWithinLimits(messages);
        assertTrue(messages.size() > 5);
        messages.forEach(m -> {
            assertTrue(m.content().length() <= DiscordLimits.CONTENT);
            assertTrue(m.embeds().size() <= DiscordLimits.EMBEDS);
            assertTrue(m.embeds().stream().mapToInt(Embed::length).sum() <= DiscordLimits.EMBEDS_TOTAL);
            m.embeds().forEach(e -> {
                assertTrue(e.title() == null || e.title().length() <= DiscordLimits.EMBED_TITLE);
                assertTrue(e.description() == null || e.description().length() <= DiscordLimits.EMBED_DESCRIPTION);
                assertTrue(e.fields().size() <= DiscordLimits.FIELDS);
                e.fields().forEach(f -> assertTrue(f.value().length() <= DiscordLimits.FIELD_VALUE
                        && f.name().length() <= DiscordLimits.FIELD_NAME));
            });
        });
        // every embed and every one of its 25 fields was kept, spread over as many embeds as needed
        assertEquals(30, messages.stream().flatMap(m -> m.embeds().stream()).filter(e -> e.title() != null).count());
        assertEquals(30 * 25, messages.stream().flatMap(m -> m.embeds().stream()).mapToInt(e -> e.fields().size()).sum());
        assertEquals(content.replace(" ", ""), messages.stream().map(DiscordMessage::content)
                .collect(Collectors.joining()).replace(" ", ""));
        // rows only on the last message: at most five of at most five buttons, bad ones dropped
        DiscordMessage last = messages.get(messages.size() - 1);
        assertEquals(DiscordLimits.ROWS, last.rows().size());
        messages.subList(0, messages.size() - 1).forEach(m -> assertTrue(m.rows().isEmpty()));
        assertTrue(last.buttons().stream().allMatch(b -> b.label().length() <= DiscordLimits.BUTTON_LABEL));
        assertTrue(last.buttons().stream().noneMatch(b -> b.target().length() > DiscordLimits.CUSTOM_ID));
        // the mentions ride on the first message only, the footer on each message's last embed
        assertEquals(Set.of(5L), messages.get(0).mentionUsers());
        messages.subList(1, messages.size()).forEach(m -> assertTrue(m.mentionUsers().isEmpty()));
        messages.stream().filter(m -> !m.embeds().isEmpty()).forEach(m ->
                assertEquals("Sources : catalogue", m.embeds().get(m.embeds().size() - 1).footer()));
    }

    @Test
    void violationsNameWhatDiscordWouldRefuse() {
        DiscordMessage bad = new DiscordMessage("c".repeat(2001), List.of(Embed.of("t".repeat(257), "d")),
                List.of(), Set.of());
        List<String> problems = DiscordLimits.violations(bad);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("content")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("title")), problems.toString());
        assertEquals(List.of(), DiscordLimits.violations(DiscordMessage.text("bonjour")));
        assertEquals(List.of("empty message"), DiscordLimits.violations(DiscordMessage.text("")));
        assertEquals(List.of(), DiscordLimits.textEmbeds(null, "  "), "no empty embed is ever made");
        assertEquals(List.of("empty embed"), DiscordLimits.violations(new DiscordMessage("x", List.of(Embed.of(null, "")),
                List.of(), Set.of())));
    }
}
