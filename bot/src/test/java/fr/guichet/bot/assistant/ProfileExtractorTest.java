package fr.guichet.bot.assistant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.guichet.knowledge.catalogue.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a message says about the company, written the way entrepreneurs type. */
class ProfileExtractorTest {

    private final ProfileExtractor extractor = new ProfileExtractor();

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            jveux ouvrir une boulangerie a bethune                  | PROJET
            J'voudrais monter ma boîte                              | PROJET
            on veut se lancer dans la restauration                  | PROJET
            j'ai une idée de food truck                             | PROJET
            je suis en train de créer ma SAS                        | CREATION
            je viens de créer mon entreprise il y a 6 mois          | JEUNE_ENTREPRISE
            je veux reprendre le bar de mon oncle                   | TRANSMISSION_REPRISE
            on est en redressement judiciaire                       | DIFFICULTE
            on veut agrandir l'atelier                              | DEVELOPPEMENT
            """)
    void readsTheStage(String message, Stage expected) {
        assertEquals(expected, extractor.extract(message).stage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            je tiens une pizzeria                    | hotellerie-restauration
            ma boutique de vetements                 | commerce
            je suis plombier                         | artisanat
            une usine de 40 salaries                 | industrie
            je suis barbier a bruay                  | artisanat
            on a deux bars et une brasserie          | hotellerie-restauration
            maraichere bio a lestrem                 | agriculture
            """)
    void readsTheSector(String message, String expected) {
        assertEquals(expected, extractor.extract(message).sector());
    }

    @Test
    void readsPlaceAndHeadcountAndLeavesTheRestUnknown() {
        Profile p = extractor.extract("nous sommes 12 salariés à Lillers");
        assertEquals("Lillers", p.place());
        assertEquals(12, p.headcount());
        assertEquals(null, p.stage());
        assertEquals(null, p.sector());
    }

    @Test
    void aWordThatOnlyStartsLikeASectorSaysNothing() {
        assertEquals(null, extractor.extract("je ferme pour les vacances").sector(), "« ferme » the verb is no farm");
        assertEquals(null, extractor.extract("une barriere pour mon parking").sector(), "« barriere » is no bar");
        assertEquals(null, extractor.extract("un cafetier m'a dit").stage());
    }

    @Test
    void theTeamSizeIsReadInEverydayWords() {
        assertEquals(9, extractor.extract("on est 9 dans l'equipe").headcount());
        assertEquals(4, extractor.extract("nous sommes 4").headcount());
    }

    @Test
    void aQuestionWithoutFactsSaysNothing() {
        assertEquals(Profile.EMPTY, extractor.extract("c'est combien ?"));
    }
}
