package fr.guichet.knowledge.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sums of money as people write them, and what they are about. */
class AmountsTest {

    private static Optional<BigDecimal> project(String text) {
        return Amounts.largestProject(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "on monte une serre de 1,2 M€ a lestrem | 1200000",
            "budget total 2 millions pour le batiment | 2000000",
            "il nous faut 450 000 € pour la ligne | 450000",
            "pret de 600k pour les machines | 600000",
            "invest 1.5M sur 3 ans | 1500000",
            "projet a 1M2 environ | 1200000",
            "un demi-million pour refaire l'hotel | 500000",
            "un million et demi d'investissement | 1500000",
            "huit cent mille euros de travaux | 800000",
            "trois millions huit cent mille euros au total | 3800000",
            "0,9 million pour la chaudiere biomasse | 900000",
            "1 200 000 € HT de materiel | 1200000",
            "un virgule trois million pour l'entrepot | 1300000",
            "extension chiffree a 750 k€ | 750000",
            "5 500 000 euros pour la nouvelle usine | 5500000",
            "budget 800000 pour tout refaire | 800000",
            "1.250.000 € de travaux | 1250000",
            "un peu plus d'un million pour le rachat | 1000000",
            "2,5 millions d'euros | 2500000",
            "deux millions | 2000000",
            "900K€ de machines | 900000",
            "on a besoin de 40 000 € | 40000",
            "hotel avec spa, estimation 1.5M, la region aide pour ca ? | 1500000",
            "un projet a 2M, ça se finance comment ? | 2000000"})
    void readsTheUsualWaysOfWritingASum(String text, long euros) {
        assertEquals(Optional.of(BigDecimal.valueOf(euros)), project(text).map(BigDecimal::stripTrailingZeros)
                .map(b -> b.setScale(0, java.math.RoundingMode.UNNECESSARY)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "on fait 2 M€ de CA et on veut un pret de 80 000 €",
            "chiffre d'affaires de 3 millions, besoin de 150k pour un camion",
            "nos dettes urssaf montent a 650 000 €",
            "un decouvert de 1,2 M€ a la banque, on coule",
            "12 salaries, 62400 Bethune, ouverts depuis 2019",
            "notre gite est a 200 m du canal, un entrepot de 4 000 m² et une cuve de 30 m³",
            "appelez moi au 03 21 00 00 01",
            "une aide de cinq mille euros"})
    void turnoversDebtsAndOtherNumbersAreNotLargeProjects(String text) {
        assertTrue(project(text).isEmpty() || project(text).get().compareTo(BigDecimal.valueOf(500_000)) < 0,
                text + " -> " + project(text));
    }

    @Test
    void aTurnoverAndADebtAreToldApart() {
        assertEquals(Amounts.Kind.TURNOVER, Amounts.in("on fait 4 M€ de CA").get(0).kind());
        assertEquals(Amounts.Kind.DEBT, Amounts.in("une dette de 700 000 € envers le fisc").get(0).kind());
        assertEquals(Amounts.Kind.PROJECT, Amounts.in("un projet de 700 000 €").get(0).kind());
        assertEquals(List.of(Amounts.Kind.PROJECT, Amounts.Kind.TURNOVER),
                Amounts.in("travaux et machines : un million et demi. On est 48, CA 7 M€.").stream()
                        .map(Amounts.Amount::kind).toList(), "the turnover of the next sentence is not the project's");
    }

    @Test
    void thousandsOfNumbersAreReadWithoutRecursion() {
        // the former pattern recursed once per number: 1,700 of them overflowed the stack
        String numbers = "1, ".repeat(1_700) + "pour 800 000 € " + "12 345 678 ".repeat(500);
        assertEquals(1_700 + 3 + 500, Amounts.words(numbers).size(), "12 345 678 is one number");
        assertEquals(Optional.of(new BigDecimal("800000")), project("1, ".repeat(1_700) + "pour 800 000 €"));
    }
}
