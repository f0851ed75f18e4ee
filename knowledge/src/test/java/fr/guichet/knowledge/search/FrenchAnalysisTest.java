package fr.guichet.knowledge.search;

import fr.guichet.knowledge.text.FrenchAnalysis;
import fr.guichet.knowledge.text.Synonyms;
import static fr.guichet.knowledge.search.SearchFixture.hit;
import static fr.guichet.knowledge.search.SearchFixture.index;
import static fr.guichet.knowledge.search.SearchFixture.search;
import static fr.guichet.knowledge.search.SearchFixture.tokens;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.knowledge.catalogue.Catalogue;
import fr.guichet.knowledge.catalogue.CatalogueException;
import fr.guichet.knowledge.catalogue.CatalogueFixture;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The French analysis: what the chain makes of words (elision, plurals and genders,
 * accents, stop words, synonyms, typos), seen through its tokens and through searches on
 * a catalogue where each entry uses one form of a word and no other entry shares it.
 */
class FrenchAnalysisTest {

    @TempDir
    Path dir;

    private final Analyzer index = FrenchAnalysis.index();

    /** Each entry says one thing in one form; titles and summaries share no words between entries. */
    private static final String SCHEMES = """
            [{"id": "diag-energie", "title": "Diagnostic energie", "summary": "Mesurer les consommations.", "themes": ["developpement-durable"], "provider": "CCI"},
             {"id": "subvention-invest", "title": "Subvention investissement", "summary": "Acheter des machines neuves.", "themes": ["industrie"], "provider": "Region"},
             {"id": "electricite-verte", "title": "Électricité verte", "summary": "Contrat de fourniture.", "themes": ["developpement-durable"], "provider": "CCI"},
             {"id": "club-entreprise", "title": "Club entreprise", "summary": "Rencontres mensuelles.", "themes": ["reseaux-animation"], "provider": "CCI"},
             {"id": "job-dating", "title": "Job dating", "summary": "Trouver des candidats grâce au recrutement local.", "themes": ["commerce"], "provider": "Mairie"}]
            """;

    // ---- tokens ----------------------------------------------------------------------------

    @Test
    void elidedArticlesAreDropped() {
        List<String> plain = tokens(index, "energie");
        assertEquals(1, plain.size());
        assertEquals(plain, tokens(index, "l'énergie"));
        assertEquals(plain, tokens(index, "l’énergie"), "curly apostrophe");
        assertEquals(plain, tokens(index, "d'énergie"));
        assertEquals(tokens(index, "entreprise"), tokens(index, "qu'entreprise"));
    }

    @Test
    void pluralsAndGendersShareAStem() {
        assertEquals(tokens(index, "subvention"), tokens(index, "subventions"));
        assertEquals(tokens(index, "salarie"), tokens(index, "salariés"));
        assertEquals(tokens(index, "salarié"), tokens(index, "salariée"));
        assertNotEquals(tokens(index, "subvention"), tokens(index, "entreprise"), "stems still tell words apart");
    }

    @Test
    void accentsAndCaseAreFolded() {
        assertEquals(tokens(index, "electricite"), tokens(index, "Électricité"));
        assertEquals(tokens(index, "creation"), tokens(index, "CRÉATION"));
    }

    @Test
    void stopWordsAndChatFillersLeaveNothing() {
        assertEquals(List.of(), tokens(index, "le la les de des du et à"));
        assertEquals(List.of(), tokens(index, "Bonjour, je voudrais savoir s'il y a quelque chose"));
        assertEquals(1, tokens(index, "Bonjour, je voudrais une subvention").size());
        assertEquals(tokens(index, "subvention"), tokens(index, "slt jai besoin d'une subvention, cest possible ?"),
                "fillers typed without their apostrophe");
    }

    @Test
    void theQueryChainAddsBuiltInSynonymsBeforeStemming() {
        List<String> boite = tokens(FrenchAnalysis.query(Synonyms.build("")), "boîte");
        assertTrue(boite.containsAll(tokens(index, "entreprise")), boite::toString);
        assertTrue(boite.containsAll(tokens(index, "société")), boite::toString);
        assertEquals(tokens(index, "boîte"), tokens(FrenchAnalysis.query(null), "boîte"),
                "without synonyms the query chain is the index chain");
    }

    // ---- searches --------------------------------------------------------------------------

    @Test
    void elisionFindsTheBareWord() {
        CatalogueIndex idx = index(dir, SCHEMES);
        List<String> elided = search(idx, "l'énergie");
        assertEquals("diag-energie", elided.get(0));
        assertEquals(search(idx, "energie"), elided);
    }

    @Test
    void aPluralFindsTheSingular() {
        CatalogueIndex idx = index(dir, SCHEMES);
        assertEquals("subvention-invest", search(idx, "des subventions").get(0));
    }

    @Test
    void unaccentedWordsFindAccentedText() {
        CatalogueIndex idx = index(dir, SCHEMES);
        assertEquals(List.of("electricite-verte"), search(idx, "electricite"));
    }

    @Test
    void builtInSynonymsFindTheCatalogueWord() {
        CatalogueIndex idx = index(dir, SCHEMES);
        assertEquals(List.of("club-entreprise"), search(idx, "boite"));
        assertEquals(List.of("job-dating"), search(idx, "embaucher"), "the entry only says « recrutement »");
    }

    @Test
    void aSynonymWeighsLessThanTheWordItself() {
        CatalogueIndex idx = index(dir, """
                [{"id": "says-entreprise", "title": "Entreprise", "summary": "Rien.", "themes": ["commerce"], "provider": "P"},
                 {"id": "says-boite", "title": "Boite", "summary": "Rien.", "themes": ["commerce"], "provider": "P"}]
                """);
        SearchResult result = idx.search(SearchRequest.of("boite"));
        assertEquals(List.of("says-boite", "says-entreprise"), SearchFixture.ids(result));
        assertTrue(hit(result, "says-boite").score() > hit(result, "says-entreprise").score());
    }

    @Test
    void aCatalogueSynonymRuleTakesEffect() {
        String schemes = """
                [{"id": "subvention-invest", "title": "Subvention investissement", "summary": "Acheter des machines.", "themes": ["industrie"], "provider": "Region"}]
                """;
        CatalogueIndex without = index(dir, schemes);
        assertEquals(List.of(), search(without, "zorglub"));

        CatalogueIndex with = index(CatalogueFixture.in(dir).schemes(schemes)
                .file("synonyms.txt", "# le mot maison\nzorglub, subvention\n"), SearchFixture.TODAY);
        assertEquals(List.of("subvention-invest"), search(with, "zorglub"));
    }

    @Test
    void aOneWayCatalogueRuleOnlyWorksOneWay() {
        String schemes = """
                [{"id": "plop", "title": "Plop", "summary": "Rien.", "themes": ["industrie"], "provider": "P"},
                 {"id": "machine", "title": "Machine", "summary": "Rien.", "themes": ["industrie"], "provider": "P"}]
                """;
        CatalogueIndex idx = index(CatalogueFixture.in(dir).schemes(schemes)
                .file("synonyms.txt", "plop => machine\n"), SearchFixture.TODAY);
        assertTrue(search(idx, "plop").contains("machine"), "plop finds machine");
        assertEquals(List.of("machine"), search(idx, "machine"), "machine does not find plop");
    }

    @Test
    void aTypoIsCorrected() {
        CatalogueIndex idx = index(dir, """
                [{"id": "financement-croissance", "title": "Financement croissance", "summary": "Rien.", "themes": ["commerce"], "provider": "P"}]
                """);
        SearchResult result = idx.search(SearchRequest.of("finacement"));
        assertEquals(List.of("financement-croissance"), SearchFixture.ids(result));
        assertEquals(List.of("finacement"), result.hits().get(0).matchedWords(), "the word as typed");
    }

    @Test
    void wordsTypedByEarFindTheirSpelling() {
        CatalogueIndex idx = index(dir, """
                [{"id": "solaire", "title": "Panneaux photovoltaïques", "summary": "Rien.", "themes": ["developpement-durable"], "provider": "P"},
                 {"id": "diagnostic", "title": "Diagnostic énergétique", "summary": "Rien.", "themes": ["developpement-durable"], "provider": "P"},
                 {"id": "carbone", "title": "Bilan carbone", "summary": "Rien.", "themes": ["developpement-durable"], "provider": "P"},
                 {"id": "honneur", "title": "Prêt d'honneur", "summary": "Rien.", "themes": ["financement"], "provider": "P"}]
                """);
        assertEquals(List.of("solaire"), search(idx, "fotovoltaique"), "f for ph");
        assertEquals("honneur", search(idx, "oneur").get(0), "silent h forgotten, and one n");
        assertEquals("diagnostic", search(idx, "energetik").get(0), "k for que, three edits away");
        assertEquals(List.of("carbone"), search(idx, "karbone"), "k for c");
    }

    @Test
    void aCorrectedTypoRanksBelowAnExactMatchOfAnotherWord() {
        // the two entries are alike but for the one word each matches, so only the correction tells them apart
        CatalogueIndex idx = index(dir, """
                [{"id": "says-financement", "title": "Financement", "summary": "Rien.", "themes": ["commerce"], "provider": "P"},
                 {"id": "says-tourisme", "title": "Tourisme", "summary": "Rien.", "themes": ["commerce"], "provider": "P"}]
                """);
        SearchResult result = idx.search(SearchRequest.of("finacement tourisme"));
        assertEquals(List.of("says-tourisme", "says-financement"), SearchFixture.ids(result));
        assertTrue(hit(result, "says-tourisme").confidence() > hit(result, "says-financement").confidence());
    }

    @Test
    void anInflectionOfAnIndexedWordIsNotTakenForATypo() {
        // « ventes » is not in the vocabulary, « vertes » is (and more frequent), one edit away;
        // but « ventes » stems to the indexed « vente »: it is a plural, not a typo
        CatalogueIndex idx = index(dir, """
                [{"id": "energies-vertes", "title": "Énergies vertes", "summary": "Des énergies vertes, des toitures vertes.", "themes": ["developpement-durable"], "provider": "P"},
                 {"id": "vente-en-ligne", "title": "Vente en ligne", "summary": "Créer une boutique.", "themes": ["commerce"], "provider": "P"}]
                """);
        SearchResult result = idx.search(SearchRequest.of("ventes"));
        assertEquals(List.of("vente-en-ligne"), SearchFixture.ids(result));
        assertEquals(1.0, result.topConfidence(), 1e-9, "a well-typed word is not discounted as a correction");
    }

    @Test
    void knownWordsAndShortWordsAreNotCorrected() {
        CatalogueIndex idx = index(dir, """
                [{"id": "pret", "title": "Pret bancaire", "summary": "Rien.", "themes": ["financement"], "provider": "P"}]
                """);
        assertEquals(List.of(), search(idx, "prt"), "words under 4 letters are never corrected");
        assertEquals(List.of("pret"), search(idx, "prat"), "4 letters: one edit");
        assertEquals(List.of("pret"), search(idx, "bancaira"));
        assertEquals(List.of(), search(idx, "zzzzzzzz"));
    }

    @Test
    void anUnusableCatalogueSynonymRuleIsRefusedNamingSynonymsTxt() throws CatalogueException {
        // syntactically a rule, so the loader accepts it; but « le » and « la » are stop words: nothing is left
        Catalogue catalogue = CatalogueFixture.in(dir).file("synonyms.txt", "# c\nzorglub, subvention\nle, la\n")
                .catalogue();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CatalogueIndex.build(catalogue, SearchFixture.clockOn(SearchFixture.TODAY)));
        assertTrue(e.getMessage().startsWith("synonyms.txt: ligne 3: -: règle de synonymes inutilisable"),
                e.getMessage());
    }

    @Test
    void theBuiltInSynonymsParse() {
        assertFalse(Synonyms.builtIn().isBlank());
        assertTrue(Synonyms.build("").fst != null);
    }
}
