package fr.guichet.knowledge.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Recognising a place in a question, and the area an entry's territory stands for. */
class PlacesTest {

    private final Places places = Places.get();

    private String found(String text) {
        return places.findIn(text).map(p -> p.kind() + " " + p.name()).orElse("none");
    }

    @ParameterizedTest(name = "« {0} » → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            je suis à Lille                     | commune Lille
            dans le Pas-de-Calais               | departement Pas-de-Calais
            pas de calais                       | departement Pas-de-Calais
            en Bretagne                         | region Bretagne
            62400                               | departement Pas-de-Calais
            mon code postal est 59000           | departement Nord
            dans la Somme                       | departement Somme
            dans le Nord                        | departement Nord
            je suis dans le 62                  | departement Pas-de-Calais
            une boulangerie à Béthune           | commune Béthune
            à bethune                           | commune Béthune
            agglo de Bethune                    | epci Communauté d'agglomération de Béthune-Bruay, Artois-Lys Romane
            """)
    void aNamedPlaceIsFound(String text, String expected) {
        assertEquals(expected, found(text));
    }

    @ParameterizedTest(name = "« {0} » names no place")
    @ValueSource(strings = {
            "une somme de 5000",
            "la somme de 5000 euros",
            "62 salariés",
            "j'ai 62 salariés",
            "un prêt de 50000 euros",
            "un chiffre d'affaires de 80000 €",
            "le nord de l'entreprise",
            "je veux une subvention",
            ""})
    void ambiguousWordsNeedACue(String text) {
        assertEquals("none", found(text));
    }

    @Test
    void theMostPreciseOfSeveralPlacesWins() {
        assertEquals("commune Lens", found("dans le Pas-de-Calais, à Lens"));
        assertEquals("commune Lens", found("à Lens dans le Pas-de-Calais"));
    }

    @Test
    void aMentionTellsTheWordsThatNamedThePlace() {
        Places.Mention mention = places.mentionIn("subvention dans le Pas-de-Calais").orElseThrow();
        assertEquals(java.util.Set.of("pas", "de", "calais"), mention.words());
    }

    @Test
    void anEntryTerritoryIsTheWidestReading() {
        assertEquals(Optional.of(Place.FRANCE), places.area("France"));
        assertEquals(Optional.of(Place.FRANCE), places.area("National"));
        assertEquals("departement", places.area("Paris").orElseThrow().kind(), "Paris the department, not the commune");
        assertEquals("region", places.area("Hauts-de-France").orElseThrow().kind());
        assertEquals(List.of("hdf", "62", "cabbalr"), places.area("CABBALR").orElseThrow().path());
        assertEquals(Optional.empty(), places.area("Atlantide"));
    }

    @Test
    void overlapIsContainmentEitherWay() {
        Place region = places.area("Hauts-de-France").orElseThrow();
        Place pasDeCalais = places.area("Pas-de-Calais").orElseThrow();
        Place bethune = places.findIn("à Béthune").orElseThrow();
        Place lille = places.findIn("à Lille").orElseThrow();
        Place bretagne = places.area("Bretagne").orElseThrow();
        assertTrue(region.overlaps(bethune));
        assertTrue(bethune.overlaps(pasDeCalais));
        assertTrue(Place.FRANCE.overlaps(lille));
        assertFalse(lille.overlaps(pasDeCalais));
        assertFalse(bretagne.overlaps(region));
        assertEquals("hdf/62/cabbalr/62119", bethune.key());
    }

    @Test
    void normalizeFoldsAccentsCaseAndPunctuation() {
        assertEquals("ile de france", FrenchText.normalize("Île-de-France"));
        assertEquals("noeux les mines", FrenchText.normalize("Nœux-les-Mines"));
        assertEquals("", FrenchText.normalize("  !? "));
    }
}
