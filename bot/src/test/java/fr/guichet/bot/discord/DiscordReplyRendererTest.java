package fr.guichet.bot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.bot.assistant.Card;
import fr.guichet.bot.assistant.Reply;
import fr.guichet.bot.discord.DiscordMessage.Button;
import fr.guichet.bot.discord.DiscordMessage.Embed;
import fr.guichet.bot.discord.DiscordMessage.Select;
import fr.guichet.bot.handoff.HandoffDecision;
import fr.guichet.bot.handoff.HandoffReason;
import fr.guichet.knowledge.catalogue.Entry;
import fr.guichet.knowledge.catalogue.EntryKind;
import fr.guichet.knowledge.catalogue.Theme;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DiscordReplyRendererTest {
    private final ReplyRenderer renderer = new ReplyRenderer(Optional.of(LocalDate.of(2026, 11, 28)));

    @Test
    void aHugeAnswerIsSplitIntoMessagesDiscordAccepts() {
        String paragraph = "Le prêt d'honneur finance la création ou la reprise, sans intérêt ni garantie. ".repeat(40);
        String text = (paragraph + "\n\n").repeat(8) + " @everyone @here"; // ~26,000 characters
        List<Card> cards = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            cards.add(new Card("entree-" + i, i % 2 == 0 ? "dispositif" : "formation", "Titre très long ".repeat(30),
                    "Détail ".repeat(800), "https://www.example.org/fiche/" + i));
        }
        Reply reply = new Reply(text, cards, List.of("Comment en bénéficier ?", "Y a-t-il une formation sur ce sujet ?",
                "Parler à un conseiller", "S".repeat(200)), HandoffDecision.NONE, Optional.empty());

        List<DiscordMessage> messages = renderer.reply(reply);

        DiscordFixtures.assertWithinLimits(messages);
        assertTrue(messages.size() >= 3, "26,000 characters need at least three messages of 6,000");
        messages.forEach(m -> assertTrue(m.embeds().stream().mapToInt(Embed::length).sum() <= 6000));
        // nothing of the answer is lost: the embeds without a title carry it, in order
        String shown = messages.stream().flatMap(m -> m.embeds().stream()).filter(e -> e.title() == null && e.description() != null)
                .map(Embed::description).collect(Collectors.joining(" "));
        assertEquals(text.replaceAll("\\s+", "").length() - 0, shown.replace("\u200B", "").replaceAll("\\s+", "").length());
        assertFalse(shown.contains("@everyone"), "mass mentions are defused in echoed text");
        // twelve card embeds, each trimmed to Discord's sizes
        List<Embed> cardEmbeds = messages.stream().flatMap(m -> m.embeds().stream()).filter(e -> e.title() != null).toList();
        assertEquals(12, cardEmbeds.size());
        cardEmbeds.forEach(e -> assertTrue(e.title().length() <= 256 && e.url().startsWith("https://")));
        // the buttons: on the last message, five rows at most, the adviser button first
        DiscordMessage last = messages.get(messages.size() - 1);
        assertTrue(last.rows().size() <= 5);
        Button first = (Button) last.rows().get(0).components().get(0);
        assertEquals(ReplyRenderer.HANDOFF, first.target());
        assertEquals("Parler à un conseiller", first.label());
        assertTrue(last.buttons().stream().anyMatch(b -> "👍".equals(b.emoji())));
        assertTrue(last.buttons().stream().anyMatch(b -> "👎".equals(b.emoji())));
        assertTrue(last.buttons().stream().anyMatch(b -> b.label() != null && b.label().equals("Plus de détails")
                && b.target().equals(ReplyRenderer.MORE + "entree-0")));
        assertTrue(last.buttons().stream().anyMatch(b -> b.style() == DiscordMessage.Style.LINK
                && b.target().equals("https://www.example.org/fiche/0")));
        // the footer with the catalogue's review date, on the last embed of every message
        messages.forEach(m -> assertEquals("Sources : catalogue de la CCI, mis à jour le 28/11/2026",
                m.embeds().get(m.embeds().size() - 1).footer()));
        assertTrue(messages.stream().allMatch(m -> m.mentionUsers().isEmpty()), "an answer pings nobody");
    }

    @Test
    void aHandoffProposalShowsTheAdviserButtonAsThePrimaryAction() {
        Reply reply = new Reply("Alice Exemple, conseillère, peut vous recontacter.", List.of(),
                List.of("Parler à un conseiller"), HandoffDecision.to(Theme.CREATION, HandoffReason.EXPLICIT_REQUEST, null),
                Optional.empty());
        DiscordMessage m = renderer.reply(reply).get(0);
        Button handoff = m.buttons().get(0);
        assertEquals(DiscordMessage.Style.PRIMARY, handoff.style());
        assertEquals(ReplyRenderer.HANDOFF, handoff.target());
        // the suggestion that repeats the button is not shown twice
        assertEquals(1, m.buttons().stream().filter(b -> "Parler à un conseiller".equals(b.label())).count());

        DiscordMessage proposal = renderer.proposal(reply).get(0);
        assertEquals(List.of(ReplyRenderer.HANDOFF), proposal.buttons().stream().map(Button::target).toList());
    }

    @Test
    void listingsOfTheBundledCatalogueStayWithinLimits() {
        LocalDate today = LocalDate.of(2026, 12, 1);
        List<Entry> schemes = DiscordFixtures.catalogue().schemes();
        List<DiscordMessage> byTheme = renderer.listing(EntryKind.SCHEME, Optional.empty(), schemes, today);
        DiscordFixtures.assertWithinLimits(byTheme);
        assertTrue(byTheme.get(0).embeds().get(0).fields().stream().anyMatch(f -> f.name().equals(Theme.CREATION.label())));

        List<DiscordMessage> creation = renderer.listing(EntryKind.SCHEME, Optional.of(Theme.CREATION), schemes, today);
        DiscordFixtures.assertWithinLimits(creation);
        long expected = schemes.stream().filter(e -> e.themes().contains(Theme.CREATION)).count();
        int fields = creation.stream().flatMap(m -> m.embeds().stream()).mapToInt(e -> e.fields().size()).sum();
        assertEquals(Math.min(expected, ReplyRenderer.LISTED), fields);
        Select menu = (Select) creation.get(creation.size() - 1).rows().get(0).components().get(0);
        assertEquals(fields, menu.options().size());
    }

    @Test
    void aListingOfManyEntriesIsCutAndSaysSo() {
        LocalDate today = LocalDate.of(2026, 12, 1);
        Entry model = DiscordFixtures.catalogue().schemes().stream()
                .filter(e -> e.themes().contains(Theme.FINANCEMENT)).findFirst().orElseThrow();
        List<Entry> many = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            many.add(new Entry(model.kind(), model.id() + "-" + i, model.title() + " " + i, model.summary(),
                    model.description(), model.themes(), model.audience(), model.territories(), model.provider(),
                    "Bénéfice ".repeat(300), model.amountMin(), model.amountMax(), model.howToApply(), model.url(),
                    model.keywords(), model.adviserDomain(), model.validFrom(), model.validUntil(), model.lastReviewed(),
                    model.training()));
        }
        List<DiscordMessage> messages = renderer.listing(EntryKind.SCHEME, Optional.of(Theme.FINANCEMENT), many, today);
        DiscordFixtures.assertWithinLimits(messages);
        assertTrue(messages.get(0).embeds().get(0).description().startsWith("80 dispositifs"));
        assertTrue(messages.get(0).embeds().get(0).description().contains("les 24 premiers"));
    }

    @Test
    void detailsShowEverythingTheCatalogueSaysWithinLimits() {
        Entry training = DiscordFixtures.catalogue().trainings().get(0);
        List<DiscordMessage> details = renderer.details(training, LocalDate.of(2026, 12, 1));
        DiscordFixtures.assertWithinLimits(details);
        Embed e = details.get(0).embeds().get(0);
        assertEquals(training.title(), e.title().replace("\u200B", ""));
        assertTrue(e.fields().stream().anyMatch(f -> f.name().startsWith("Prix")));
        assertTrue(details.get(0).buttons().stream().anyMatch(b -> b.target().equals(ReplyRenderer.HANDOFF)));
    }

    @Test
    void detailsOfASampleEntryNeverSayVerifiedAndNameAHomePageForWhatItIs() {
        Entry home = fr.guichet.bot.assistant.CardsTest.scheme(
                new fr.guichet.knowledge.catalogue.Provenance(List.of(), null, null, true), "https://www.bpifrance.fr/");
        List<DiscordMessage> details = renderer.details(home, LocalDate.of(2026, 12, 1));
        DiscordFixtures.assertWithinLimits(details);
        Embed embed = details.get(0).embeds().get(0);
        assertEquals("Sources : catalogue d'exemple, à faire vérifier par la CCI", embed.footer());
        assertFalse(embed.footer().contains("vérifiée"));
        assertTrue(embed.fields().stream().anyMatch(f -> f.name().equals("Coût") && f.value().equals("Frais de dossier")));
        List<String> labels = details.get(0).buttons().stream().map(Button::label).toList();
        assertTrue(labels.contains("Site de l'organisme"), labels::toString);
        assertFalse(labels.contains("Voir la fiche officielle"), labels::toString);
    }

    @Test
    void detailsOfAVerifiedEntryOfAProductionCatalogueSaySoWithTheOfficialPage() {
        Entry verified = fr.guichet.bot.assistant.CardsTest.scheme(new fr.guichet.knowledge.catalogue.Provenance(List.of(),
                LocalDate.of(2026, 11, 2), "Alice (CCI Artois)", false), "https://www.bpifrance.fr/pret-vert");
        List<DiscordMessage> details = renderer.details(verified, LocalDate.of(2026, 12, 1));
        assertEquals("Fiche vérifiée le 02/11/2026 par Alice (CCI Artois)", details.get(0).embeds().get(0).footer());
        assertTrue(details.get(0).buttons().stream().anyMatch(b -> "Voir la fiche officielle".equals(b.label())));
    }

    @Test
    void aReplyWithSampleCardsGetsTheSampleFooterWhateverTheRenderer() {
        Card card = fr.guichet.bot.assistant.Cards.card(fr.guichet.bot.assistant.CardsTest.training(true, "https://www.cci.fr/"),
                LocalDate.of(2026, 12, 1));
        List<DiscordMessage> messages = renderer.reply(new Reply("Voici.", List.of(card), List.of(), HandoffDecision.NONE,
                Optional.empty()));
        Embed last = messages.get(messages.size() - 1).embeds().get(messages.get(messages.size() - 1).embeds().size() - 1);
        assertEquals("Sources : catalogue d'exemple, à faire vérifier par la CCI", last.footer());
        assertTrue(messages.get(0).buttons().stream().anyMatch(b -> "Site de l'organisme · Excel débutant".equals(b.label())));
        assertTrue(messages.get(0).embeds().stream().anyMatch(e -> e.description() != null && e.description().contains("560 € (exemple)")));
    }
    @Test
    void whenEveryAdviserIsAwayTheProposalSaysWhenOnceAndOnlyThen() {
        var catalogue = DiscordFixtures.catalogue();
        var alice = catalogue.advisers().get(0);
        var backup = catalogue.advisers().get(1);
        HandoffDecision decision = HandoffDecision.to(Theme.CREATION, HandoffReason.EXPLICIT_REQUEST, null);
        var away = new fr.guichet.bot.handoff.AdviserRouter.Routing(alice, backup, true, LocalDate.of(2026, 12, 21));
        String notice = away.delayNotice().orElseThrow();

        Reply plain = new Reply("Je peux transmettre votre demande.", List.of(), List.of(), decision, Optional.of(away));
        String shown = renderer.proposal(plain).get(0).embeds().get(0).description();
        assertTrue(shown.endsWith("⚠️ " + notice), shown);

        // the assistant said it already: not twice
        Reply said = new Reply("Je peux transmettre votre demande. " + notice, List.of(), List.of(), decision, Optional.of(away));
        String once = renderer.reply(said).get(0).embeds().get(0).description();
        assertEquals(once.indexOf(notice), once.lastIndexOf(notice), once);

        // someone present: the assistant's text as it is
        var present = new fr.guichet.bot.handoff.AdviserRouter.Routing(alice, backup);
        assertEquals("Je peux transmettre votre demande.", ReplyRenderer.withDelayNotice(
                new Reply("Je peux transmettre votre demande.", List.of(), List.of(), decision, Optional.of(present))));
    }
}
