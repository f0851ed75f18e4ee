package fr.guichet.bot.assistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.knowledge.catalogue.Audience;
import fr.guichet.knowledge.catalogue.CatalogueInfo;
import fr.guichet.knowledge.catalogue.Entry;
import fr.guichet.knowledge.catalogue.EntryKind;
import fr.guichet.knowledge.catalogue.Provenance;
import fr.guichet.knowledge.catalogue.Session;
import fr.guichet.knowledge.catalogue.Theme;
import fr.guichet.knowledge.catalogue.TrainingDetails;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The display rules that keep a sample catalogue from passing for checked facts. */
public class CardsTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    public static Entry training(boolean sample, String url) {
        TrainingDetails t = new TrainingDetails(new BigDecimal("14"), new BigDecimal("560"), "presentiel",
                List.of(new Session(LocalDate.of(2027, 2, 8), LocalDate.of(2027, 2, 9), "Béthune")), true, null, null);
        return new Entry(EntryKind.TRAINING, "excel", "Excel débutant", "Les bases d'Excel.", null, List.of(Theme.FORMATION),
                Audience.ALL, List.of(), "CCI Artois", null, null, null, null, url, List.of(), null, null, null,
                LocalDate.of(2026, 11, 30), t, null, new Provenance(List.of(), null, null, sample));
    }

    public static Entry scheme(Provenance provenance, String url) {
        return new Entry(EntryKind.SCHEME, "aide", "Une aide", "Une aide.", null, List.of(Theme.FINANCEMENT), Audience.ALL,
                List.of(), "État", "Ce que l'aide donne.", null, null, null, url, List.of(), null, null, null,
                LocalDate.of(2026, 11, 28), TrainingDetails.NONE, "Frais de dossier", provenance);
    }

    @Test
    void aSampleTrainingsPriceDurationAndDatesSayExample() {
        assertEquals("560 € (exemple) · 14 h (exemple) · en présentiel · éligible CPF · prochaine session le 8 février 2027 "
                + "à Béthune (exemple)", Cards.trainingFacts(training(true, null), TODAY));
        assertEquals("560 € · 14 h · en présentiel · éligible CPF · prochaine session le 8 février 2027 à Béthune",
                Cards.trainingFacts(training(false, null), TODAY));
    }

    @Test
    void aCardFromASampleCatalogueSaysSo() {
        Card card = Cards.card(training(true, "https://www.cci.fr/"), TODAY);
        assertTrue(card.sample());
        assertTrue(card.detail().contains("(exemple)"), card.detail());
        assertFalse(Cards.card(training(false, null), TODAY).sample());
    }

    @Test
    void theFooterOfASampleCatalogueAsksForACheck() {
        assertEquals("Sources : catalogue d'exemple, à faire vérifier par la CCI",
                Cards.footer(new CatalogueInfo("CCI Artois (exemple)", null, true), Optional.of(LocalDate.of(2026, 11, 28))));
        assertEquals("Sources : CCI Artois, mis à jour le 28/11/2026",
                Cards.footer(new CatalogueInfo("CCI Artois", null, false), Optional.of(LocalDate.of(2026, 11, 28))));
        assertEquals("Sources : catalogue de la CCI", Cards.footer(CatalogueInfo.NONE, Optional.empty()));
    }

    @Test
    void onlyADeepLinkIsCalledTheOfficialPage() {
        assertEquals("Site de l'organisme", Cards.linkLabel("https://www.bpifrance.fr/"));
        assertEquals("Site de l'organisme", Cards.linkLabel("https://www.bpifrance.fr"));
        assertEquals("Voir la fiche officielle", Cards.linkLabel("https://www.bpifrance.fr/catalogue-offres/pret-vert"));
        Card home = Cards.card(scheme(Provenance.NONE, "https://www.bpifrance.fr/"), TODAY);
        assertEquals("Site de l'organisme", home.linkLabel());
        assertEquals("Site de l'organisme · Une aide", home.linkButton());
        Card deep = Cards.card(scheme(Provenance.NONE, "https://www.bpifrance.fr/pret"), TODAY);
        assertEquals("Fiche : Une aide", deep.linkButton());
    }

    @Test
    void verifiedOnlyWithADateAndSomeoneAndNeverInASample() {
        assertEquals(Optional.empty(), Cards.verification(scheme(Provenance.NONE, null)), "a review date is not a verification");
        assertEquals(Optional.empty(), Cards.verification(scheme(new Provenance(List.of(), LocalDate.of(2026, 11, 2), null, false), null)));
        assertEquals(Optional.empty(), Cards.verification(
                scheme(new Provenance(List.of(), LocalDate.of(2026, 11, 2), "Alice", true), null)), "a sample is never verified");
        assertEquals(Optional.of("Fiche vérifiée le 02/11/2026 par Alice (CCI Artois)"), Cards.verification(
                scheme(new Provenance(List.of(), LocalDate.of(2026, 11, 2), "Alice (CCI Artois)", false), null)));
    }
}
