package fr.guichet.bot.assistant.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.bot.assistant.llm.Facts.DateMention;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LlmFactsTest {

    private static Set<BigDecimal> amounts(String text) {
        return Facts.of(text).amounts();
    }

    private static BigDecimal n(String value) {
        return new BigDecimal(value);
    }

    @Test
    void readsAmountsWhateverTheSeparators() {
        assertEquals(Set.of(n("5000")), amounts("une aide de 5 000 €"));
        assertEquals(Set.of(n("5000")), amounts("une aide de 5000 euros"));
        assertEquals(Set.of(n("5000")), amounts("une aide de 5\u202F000\u00A0€"));
        assertEquals(Set.of(n("5000")), amounts("une aide de 5.000 EUR"));
        assertEquals(Set.of(n("5000")), amounts("une aide de 5 k€"));
        assertEquals(Set.of(n("1500000")), amounts("un fonds de 1,5 million d'euros"));
        assertEquals(Set.of(n("12.5")), amounts("12,50 € de l'heure"));
    }

    @Test
    void readsBothEndsOfARange() {
        assertEquals(Set.of(n("2000"), n("50000")), amounts("de 2 000 à 50 000 €"));
        assertEquals(Set.of(n("2000"), n("50000")), amounts("entre 2 000 € et 50 000 €"));
        assertEquals(Set.of(n("10"), n("50")), Facts.of("de 10 à 50 % des dépenses").percentages());
    }

    @Test
    void leavesOtherNumbersAlone() {
        Facts facts = Facts.of("En 2026, 3 salariés, 14 heures, 1/3 des dépenses, article 12.");
        assertTrue(facts.amounts().isEmpty(), facts.amounts().toString());
        assertTrue(facts.percentages().isEmpty());
        assertTrue(facts.dates().isEmpty(), facts.dates().toString());
        assertEquals(Set.of(n("500")), amounts("En 2026 500 € seulement"));
    }

    @Test
    void readsDatesInEveryUsualForm() {
        DateMention march12 = new DateMention(12, 3, 2027);
        assertEquals(List.of(march12), Facts.of("le 12/03/2027").dates());
        assertEquals(List.of(march12), Facts.of("le 12.03.2027").dates());
        assertEquals(List.of(march12), Facts.of("le 2027-03-12").dates());
        assertEquals(List.of(march12), Facts.of("le 12 mars 2027").dates());
        assertEquals(List.of(new DateMention(1, 8, 2027)), Facts.of("le 1er Août 2027").dates());
        assertEquals(List.of(new DateMention(null, 6, 2027)), Facts.of("en juin 2027").dates());
        assertEquals(List.of(new DateMention(14, 3, null), new DateMention(12, 3, null)),
                Facts.of("du 12 au 14 mars").dates());
    }

    @Test
    void aDateIsSupportedWhenTheSourceStatesAtLeastAsMuch() {
        Facts source = Facts.of("Session du 12/03/2027 au 13/03/2027.");
        assertNull(Facts.of("le 12 mars").unsupportedBy(source));
        assertNull(Facts.of("en mars 2027").unsupportedBy(source));
        assertEquals(Facts.Kind.DATE, Facts.of("le 14 mars 2027").unsupportedBy(source));
        assertEquals(Facts.Kind.DATE, Facts.of("en avril").unsupportedBy(source));
        assertEquals(Facts.Kind.DATE, Facts.of("le 12/03/2028").unsupportedBy(source));
        assertEquals(Facts.Kind.DATE, Facts.of("le 12 mars 2027").unsupportedBy(Facts.of("en mars 2027")));
    }

    @Test
    void comparesLinksAndContactsLoosely() {
        Facts source = Facts.of("Lien : https://www.initiative-artois.fr/pret/ ; tél. 03 21 00 00 00 ; "
                + "contact@cci.example.fr");
        assertNull(Facts.of("Voir initiative-artois.fr/pret. Appelez le 03.21.00.00.00 ou le +33 3 21 00 00 00, "
                + "écrivez à Contact@cci.example.fr.").unsupportedBy(source));
        assertEquals(Facts.Kind.LINK, Facts.of("Voir https://www.initiative-artois.fr/autre").unsupportedBy(source));
        assertEquals(Facts.Kind.CONTACT, Facts.of("Appelez le 03 21 00 00 01").unsupportedBy(source));
        assertEquals(Facts.Kind.CONTACT, Facts.of("Écrivez à info@cci.example.fr").unsupportedBy(source));
    }
}
