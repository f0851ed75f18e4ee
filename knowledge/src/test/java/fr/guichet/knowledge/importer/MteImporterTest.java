package fr.guichet.knowledge.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import fr.guichet.knowledge.catalogue.Catalogue;
import fr.guichet.knowledge.catalogue.CatalogueException;
import fr.guichet.knowledge.catalogue.CatalogueLoader;
import fr.guichet.knowledge.catalogue.Entry;
import fr.guichet.knowledge.catalogue.EntryKind;
import fr.guichet.knowledge.catalogue.Theme;
import fr.guichet.knowledge.search.CatalogueIndex;
import fr.guichet.knowledge.search.SearchRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Mission Transition Écologique importer on all the real programme files, read from
 * the workplace's shared data (never copied into the project). Skipped where it is absent.
 */
class MteImporterTest {

    private static final int PROGRAMMES = 264;
    private static final int TRAININGS = 26;

    @TempDir
    static Path out;

    private static Path programmes;
    private static MteImporter.Report report;
    private static CatalogueLoader.Loaded loaded;
    private static Map<String, JsonNode> written;

    /** {@code guichet.shared} (set by the pom), else ../../shared from the module directory. */
    static Path sharedDir() {
        String property = System.getProperty("guichet.shared");
        return property != null && !property.isBlank() ? Path.of(property) : Path.of("../../shared");
    }

    private static Path dataDir() {
        return sharedDir().resolve("data/mission-transition-ecologique");
    }

    @BeforeAll
    static void importEverything() throws IOException, CatalogueException {
        if (!Files.isDirectory(dataDir())) {
            return; // each test then reports itself skipped, below
        }
        programmes = dataDir().resolve("programs");
        report = new MteImporter().importDirectory(programmes, out.resolve("catalogue"), "Hauts-de-France");
        loaded = new CatalogueLoader().load(out.resolve("catalogue"));
        written = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String file : List.of("schemes.json", "trainings.json")) {
            for (JsonNode node : json.readTree(out.resolve("catalogue").resolve(file).toFile())) {
                written.put(node.get("id").asText(), node);
            }
        }
    }

    @BeforeEach
    void skipOutsideTheWorkplace() {
        Assumptions.assumeTrue(Files.isDirectory(dataDir()),
                "../shared/data/mission-transition-ecologique absent: test skipped outside the workplace");
    }

    private static Entry entry(String id) {
        return loaded.catalogue().entry(id).orElseThrow(() -> new AssertionError(id + " not imported"));
    }

    private static JsonNode source(String id) throws IOException {
        return new YAMLMapper().readTree(programmes.resolve(id + ".yaml").toFile());
    }

    @Test
    void everyProgrammeIsWrittenFormationsAsTrainings() throws IOException {
        assertEquals(List.of(), report.skipped());
        assertEquals(PROGRAMMES - TRAININGS, report.schemes());
        assertEquals(TRAININGS, report.trainings());
        Catalogue catalogue = loaded.catalogue();
        assertEquals(PROGRAMMES, catalogue.entries().size());
        assertEquals(TRAININGS, catalogue.trainings().size());
        for (Entry t : catalogue.trainings()) {
            assertEquals("formation", source(t.id()).get("nature de l'aide").asText(), t.id());
            assertTrue(t.themes().contains(Theme.FORMATION), t.id());
        }
    }

    @Test
    void theResultLoadsWithoutErrorOrWarning() {
        assertEquals(List.of(), loaded.warnings().stream().map(Object::toString).toList());
        assertEquals(2, loaded.catalogue().advisers().size());
        CatalogueIndex index = CatalogueIndex.build(loaded.catalogue(), Clock.systemUTC());
        assertEquals(PROGRAMMES, index.size());
        assertFalse(index.search(SearchRequest.of("réduire ma facture d'énergie")).hits().isEmpty());
    }

    @Test
    void idsAreTheFileNames() throws IOException {
        Set<String> files;
        try (Stream<Path> list = Files.list(programmes)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(PROGRAMMES, files.size());
        assertEquals(files, loaded.catalogue().entries().stream().map(Entry::id)
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void aKnownProgrammeIsMappedFieldByField() {
        Entry e = entry("programme-marguerite");
        assertEquals(EntryKind.SCHEME, e.kind());
        assertEquals("Programme Marguerite", e.title());
        assertEquals("Testez et adoptez des solutions pour réduire l'usage de votre utilitaire en ville", e.summary());
        assertEquals("CCI ou CMA", e.provider());
        assertEquals(LocalDate.of(2024, 1, 1), e.validFrom(), "début de validité 01/01/2024");
        assertEquals(LocalDate.of(2026, 12, 31), e.validUntil(), "fin de validité 31/12/2026");
        assertEquals(List.of("Auvergne-Rhône-Alpes", "Bouches-du-Rhône", "Hauts-de-France", "Île-de-France",
                "Nouvelle-Aquitaine", "Pays de la Loire"), e.territories(), "one YAML item, split on commas");
        assertEquals("https://www.programme-marguerite.fr/", e.url());
        assertNull(e.amountMin(), "« Jusqu'à 1000 € » has no minimum");
        assertEquals(0, new BigDecimal("1000").compareTo(e.amountMax()));
        assertEquals(Theme.DEVELOPPEMENT_DURABLE, e.themes().get(0));
        assertTrue(e.themes().contains(Theme.FINANCEMENT), e.themes().toString());
        assertTrue(e.audience().conditions().contains("moins de 20 salariés"), e.audience().conditions().toString());
        assertTrue(e.howToApply().startsWith("1. Remplissez le formulaire de contact du Programme Marguerite."
                + " (Formulaire de contact : https://www.programme-marguerite.fr/contact)"), e.howToApply());
    }

    @Test
    void franceAndItsOverseasTerritoriesBecomeFrance() {
        Entry e = entry("pret-action-climat");
        assertEquals(List.of("France"), e.territories());
        assertEquals(0, new BigDecimal("10000").compareTo(e.amountMin()), "De 10 000 € à 75 000 €");
        assertEquals(0, new BigDecimal("75000").compareTo(e.amountMax()));
    }

    @Test
    void amountsAreParsedOnlyFromPlainNumbers() throws IOException {
        assertNull(entry("aide-au-changement-de-comportement").amountMax(), "« Jusqu'à 50% des dépenses éligibles »");
        assertNull(entry("bonus-ecologique").amountMax(), "« jusqu’à 9 000 €, selon le véhicule »");
        assertNull(entry("eco-diagnostic-commerce").amountMax(), "« de 50 à 100% du coût de la prestation »");
        assertNull(entry("ecolabel").amountMax(), "« 2000 €/produit ou service »");
        assertEquals(0, new BigDecimal("9000").compareTo(entry("retrofit-electrique").amountMax()), "« jusqu'à 9 000 € »");

        int withAmount = 0;
        for (Entry e : loaded.catalogue().entries()) {
            if (e.amountMin() == null && e.amountMax() == null) {
                continue;
            }
            withAmount++;
            JsonNode p = source(e.id());
            String text = (p.hasNonNull("montant du financement") ? p.get("montant du financement")
                    : p.get("montant du prêt")).asText();
            assertFalse(text.contains("%") || text.contains(",") || text.toLowerCase().contains("selon"),
                    e.id() + ": an amount read from « " + text + " »");
            String digits = text.replaceAll("[^0-9]", "");
            assertTrue(digits.contains(e.amountMax().toPlainString()), e.id() + ": « " + text + " » → " + e.amountMax());
            assertEquals(EntryKind.SCHEME, e.kind(), "trainings carry a price, not an amount");
        }
        assertEquals(11, withAmount, "the programmes whose amount is a plain number or range");
    }

    @Test
    void onlyAPlainGratuitMakesATrainingFree() throws IOException {
        assertEquals(0, BigDecimal.ZERO.compareTo(entry("b-a-ba-du-climat-et-biodiversite").training().priceEur()));
        assertNull(entry("formations-akto").training().priceEur(),
                "« Gratuit pour les entreprises de moins de 50 salariés » is not free for everyone");
        for (Entry t : loaded.catalogue().trainings()) {
            if (t.training().isFree()) {
                String cost = source(t.id()).get("coût de l'accompagnement").asText().strip().toLowerCase();
                assertTrue(cost.matches("gratuite?\\.?"), t.id() + ": free from « " + cost + " »");
            }
        }
    }

    @Test
    void trainingDurationsAreReadInHours() {
        assertEquals(0, new BigDecimal("7").compareTo(entry("b-a-ba-du-climat-et-biodiversite").training().durationHours()),
                "« 7h »");
        assertNull(entry("cci-business-optimizer").training().durationHours(), "« 10 minutes » is no hour count");
    }

    @Test
    void aDirectoryWithoutYamlIsRefused() throws IOException {
        Path empty = Files.createDirectories(out.resolve("empty"));
        IOException e = assertThrows(IOException.class, () -> new MteImporter().importDirectory(empty, out.resolve("x"), null));
        assertTrue(e.getMessage().contains("aucun fichier .yaml"), e.getMessage());
    }

    @Test
    void anUnreadableYamlFileIsSkippedAndReported() throws IOException, CatalogueException {
        Path from = Files.createDirectories(out.resolve("two"));
        Files.copy(programmes.resolve("programme-marguerite.yaml"), from.resolve("programme-marguerite.yaml"));
        Files.writeString(from.resolve("broken.yaml"), "titre: [pas fermé\n");
        MteImporter.Report r = new MteImporter().importDirectory(from, out.resolve("two-out"), null);
        assertEquals(1, r.schemes());
        assertEquals(1, r.skipped().size());
        assertTrue(r.skipped().get(0).startsWith("broken : YAML illisible"), r.skipped().get(0));
        assertEquals(List.of("programme-marguerite"),
                new CatalogueLoader().load(out.resolve("two-out")).catalogue().entries().stream().map(Entry::id).toList());
    }
}
