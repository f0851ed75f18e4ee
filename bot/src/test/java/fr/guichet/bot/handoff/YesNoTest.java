package fr.guichet.bot.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class YesNoTest {

    @Test
    void clearYesWordsAreYes() {
        for (String yes : List.of("oui", "Oui !", "OUI", "o", "O.", "ouais", "ok", "OK", "/oui", "d'accord", "d’accord",
                "daccord", "yes", "y", "oui merci", "oui, bien sûr", "ah oui volontiers", "je veux bien", "j'accepte",
                "bien sûr", "tout à fait", "oui s'il vous plaît", "je pense que oui")) {
            assertEquals(YesNo.YES, YesNo.read(yes), yes);
        }
    }

    @Test
    void clearNoWordsAreNo() {
        for (String no : List.of("non", "Non.", "n", "no", "/non", "nan", "non merci", "oh non merci", "pas question",
                "je refuse", "je ne veux pas", "pas maintenant", "surtout pas")) {
            assertEquals(YesNo.NO, YesNo.read(no), no);
        }
    }

    @Test
    void anythingElseIsUnclearAndNeverAGuessedYes() {
        // the misreadings of a first-letter rule: « ouais non », « oublie ça », « on verra »
        for (String unclear : List.of("ouais non", "oublie ça", "oui mais non", "on verra", "plus tard", "peut-être",
                "obligé ?", "merci", "", "   ", "???", "oui non", "ok mais pas maintenant", "0", "1",
                "oui".repeat(100), "\u001b[2Joui")) {
            assertEquals(YesNo.UNCLEAR, YesNo.read(unclear), unclear);
        }
        assertEquals(YesNo.UNCLEAR, YesNo.read(null));
    }
}
