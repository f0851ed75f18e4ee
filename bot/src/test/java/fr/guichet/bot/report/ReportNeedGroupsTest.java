package fr.guichet.bot.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.bot.TestAssistants;
import fr.guichet.bot.feedback.UnansweredQuestion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportNeedGroupsTest {

    static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    static List<UnansweredQuestion> questions(String... texts) {
        List<UnansweredQuestion> out = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            out.add(new UnansweredQuestion(T0.plusSeconds(60L * i), "u" + i, texts[i]));
        }
        return out;
    }

    /** The groups as sets of texts, whatever their order. */
    static Set<Set<String>> partition(List<NeedGroups.Group> groups) {
        Set<Set<String>> out = new HashSet<>();
        for (NeedGroups.Group g : groups) {
            Set<String> texts = new HashSet<>();
            g.questions().forEach(q -> texts.add(q.question()));
            out.add(texts);
        }
        return out;
    }

    @Test
    void nearDuplicatesOfTheGeneratedActivityAreOneNeedEach() {
        ActivityGenerator.Generated generated = ReportFixture.shared().generated;
        List<NeedGroups.Group> groups = NeedGroups.group(generated.unanswered(), TestAssistants.catalogue());
        Map<UnansweredQuestion, String> need = new IdentityHashMap<>();
        for (int i = 0; i < generated.unanswered().size(); i++) {
            need.put(generated.unanswered().get(i), generated.needs().get(i));
        }
        Map<String, Integer> expected = new HashMap<>();
        generated.needs().forEach(n -> expected.merge(n, 1, Integer::sum));
        Set<String> seen = new HashSet<>();
        for (NeedGroups.Group g : groups) {
            Set<String> needs = new HashSet<>();
            g.questions().forEach(q -> needs.add(need.get(q)));
            assertEquals(1, needs.size(), "one need per group, got " + needs + " in " + g.examples());
            String n = needs.iterator().next();
            assertTrue(seen.add(n), "one group per need: " + n + " is split");
            assertEquals(expected.get(n), g.count(), n);
            assertTrue(g.examples().size() >= Math.min(2, g.count()) && g.examples().size() <= 3, g.examples().toString());
        }
        assertEquals(expected.keySet(), seen);
        for (int i = 1; i < groups.size(); i++) {
            assertTrue(groups.get(i - 1).count() >= groups.get(i).count(), "largest first");
        }
        assertTrue(groups.get(0).count() > 30, "the generator's first need is the most asked");
    }

    @Test
    void rewordingsShorteningsPlacesAndTyposJoinButNeighboursStayApart() {
        var groups = NeedGroups.group(questions(
                "Aide pour ouvrir un salon de tatouage à Béthune ?",
                "subvention salon tatouage Bruay-la-Buissière",
                "je veux ouvrir mon salon de tatoauge",
                "ouvrir un salon de coiffure à domicile",
                "salon de coiffure, des aides ?",
                "formation pilote de drone",
                "formation drone professionnel",
                "aide achat vélo cargo pour mes livraisons",
                "vélo cargo ?",
                "bonjour",
                "merci"), TestAssistants.catalogue());
        assertEquals(Set.of(
                Set.of("Aide pour ouvrir un salon de tatouage à Béthune ?", "subvention salon tatouage Bruay-la-Buissière",
                        "je veux ouvrir mon salon de tatoauge"),
                Set.of("ouvrir un salon de coiffure à domicile", "salon de coiffure, des aides ?"),
                Set.of("formation pilote de drone", "formation drone professionnel"),
                Set.of("aide achat vélo cargo pour mes livraisons", "vélo cargo ?"),
                Set.of("bonjour", "merci")), partition(groups));
    }

    @Test
    void withoutCatalogueEveryWordWeighsAlike() {
        // « professionnel » is as much a need as « drone »: one word in two is not enough
        var groups = NeedGroups.group(questions("formation pilote de drone", "formation drone professionnel"), null);
        assertEquals(2, groups.size());
    }

    @Test
    void examplesAreDistinctFewAndMasked() {
        var groups = NeedGroups.group(questions(
                "food truck aide, rappelez moi au 06 12 34 56 78",
                "food truck aide",
                "Food truck aide",
                "subvention food truck ? ecrivez a jean.dupont@example.org",
                "financer un food truck"), TestAssistants.catalogue());
        assertEquals(1, groups.size());
        NeedGroups.Group g = groups.get(0);
        assertEquals(5, g.count());
        assertEquals(3, g.examples().size());
        assertEquals("financer un food truck", g.examples().get(0), "the newest first");
        assertTrue(g.examples().contains("subvention food truck ? ecrivez a [courriel masqué]"), g.examples().toString());
        assertEquals(1, g.examples().stream().filter(e -> e.equalsIgnoreCase("food truck aide")).count(),
                "the same words twice are one example");
        String all = String.join(" ", g.examples());
        assertFalse(all.contains("@") || all.contains("06 12"), all);
        assertEquals("[numéro masqué]", NeedGroups.masked("+33 6 12 34 56 78"));
    }

    @Test
    void oneEditApartIsOneSubstitutionInsertionDeletionOrSwap() {
        assertTrue(NeedGroups.oneEditApart("tatouage", "tatoauge"));
        assertTrue(NeedGroups.oneEditApart("tatouage", "tatouages"));
        assertTrue(NeedGroups.oneEditApart("tatouage", "tatouge"));
        assertTrue(NeedGroups.oneEditApart("tatouage", "tatouaje"));
        assertFalse(NeedGroups.oneEditApart("tatouage", "tatouage"));
        assertFalse(NeedGroups.oneEditApart("tatouage", "tatuoaeg"));
        assertFalse(NeedGroups.oneEditApart("coiffure", "tatouage"));
    }
}
