package fr.guichet.bot.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.knowledge.catalogue.Theme;
import fr.guichet.knowledge.search.SearchResult;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The general rules around the learnt models, each on its own: the models are stood in for by
 * fixed scores, so that what is tested is the rule, whatever the corpus teaches.
 */
class HandoffJudgeTest {

    private static SituationModel.Scores scores(Object... situationsAndProbabilities) {
        Map<Situation, Double> m = new EnumMap<>(Situation.class);
        for (int i = 0; i < situationsAndProbabilities.length; i += 2) {
            m.put((Situation) situationsAndProbabilities[i], (Double) situationsAndProbabilities[i + 1]);
        }
        return new SituationModel.Scores(m);
    }

    /** A judge whose situation model always answers these scores and whose domain model says nothing clear. */
    private static HandoffJudge judge(SituationModel.Scores fixed) {
        SituationModel situations = message -> fixed;
        DomainModel flat = DomainModel.trainOn(List.of(new LabelledMessage("a", "un", Situation.QUESTION, List.of(Theme.CREATION)),
                new LabelledMessage("b", "un", Situation.QUESTION, List.of(Theme.INDUSTRIE))));
        return new HandoffJudge(new HandoffModels(situations, flat), HandoffJudge.DEFAULT_LARGE_PROJECT_EUR);
    }

    private static final SituationModel.Scores ORDINARY = scores(Situation.QUESTION, 0.9, Situation.TRAINING, 0.1);
    private static SearchResult withConfidence(double c) {
        return new SearchResult(List.of(new fr.guichet.knowledge.search.Hit(
                fr.guichet.bot.TestAssistants.catalogue().entries().get(0), 1f, c, List.of())), Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"on agrandit l'atelier : 2,3 M€ de travaux", "un projet de sept cent cinquante mille euros",
            "il faudrait dans les 900k pour la ligne"})
    void aSumFromTheThresholdGoesToAnAdviserWhateverTheModelReads(String message) {
        HandoffDecision d = judge(ORDINARY).decide(message, ORDINARY, BigDecimal.ZERO, withConfidence(0.9));
        assertEquals(HandoffReason.LARGE_PROJECT, d.reason(), message);
        assertNull(d.domain(), "the subject decides the domain");
    }

    @ParameterizedTest
    @ValueSource(strings = {"on fait 3 M€ de chiffre d'affaires, une aide pour un stand ?",
            "une dette de 800 000 € envers les fournisseurs, on fait comment ?", "budget de 120 000 € pour la boutique"})
    void aTurnoverADebtOrASmallSumIsNoLargeProject(String message) {
        assertFalse(judge(ORDINARY).decide(message, ORDINARY, BigDecimal.ZERO, withConfidence(0.9)).needed(), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c'est un gros projet pour nous", "on investit beaucoup cette année", "projet important d'usine"})
    void aLargeProjectWithoutASumIsAnOrdinaryQuestion(String message) {
        SituationModel.Scores large = scores(Situation.LARGE_PROJECT, 0.7, Situation.QUESTION, 0.3);
        assertFalse(judge(large).decide(message, large, BigDecimal.ZERO, withConfidence(0.9)).needed(), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"quel logiciel de caisse choisir ?", "un comptable pas cher sur Bruay ?", "le taux de TVA des travaux ?"})
    void outOfTheCatalogueOnlyWhenNoEntryAnswersWell(String message) {
        SituationModel.Scores out = scores(Situation.OUT_OF_SCOPE, 0.8, Situation.QUESTION, 0.2);
        assertEquals(HandoffReason.NO_ANSWER, judge(out).decide(message, out, BigDecimal.ZERO, withConfidence(0.4)).reason());
        assertFalse(judge(out).decide(message, out, BigDecimal.ZERO, withConfidence(0.9)).needed(),
                "an entry answers it after all");
    }

    @ParameterizedTest
    @ValueSource(strings = {"commerce de vêtements", "pour avoir plus de clientes", "à peu près 10 000 euros"})
    void probabilitySpreadOverSeveralSituationsIsNoneOfThem(String message) {
        SituationModel.Scores spread = scores(Situation.SALE_TAKEOVER, 0.25, Situation.DISTRESS, 0.2, Situation.DISPUTE, 0.15,
                Situation.QUESTION, 0.4);
        assertFalse(judge(spread).decide(message, spread, BigDecimal.ZERO, withConfidence(0.8)).needed(), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"à Lillers", "on est 12", "depuis 2019"})
    void aTurnThatOnlyAddsADetailIsNotReadAgainForASituation(String message) {
        SituationModel.Scores distress = scores(Situation.DISTRESS, 0.9, Situation.QUESTION, 0.1);
        HandoffJudge j = judge(distress);
        assertTrue(j.decide(message, distress, BigDecimal.ZERO, withConfidence(0.8)).needed());
        assertFalse(j.decide(message, distress, BigDecimal.ZERO, withConfidence(0.8), false).needed(), message);
        assertEquals(HandoffReason.LARGE_PROJECT,
                j.decide(message, distress, new BigDecimal("1500000"), withConfidence(0.8), false).reason(),
                "a sum named earlier in the need still counts");
    }

    @Test
    void aSituationThatFixesItsDomainSaysItAndWhy() {
        SituationModel.Scores distress = scores(Situation.DISTRESS, 0.8, Situation.QUESTION, 0.2);
        HandoffDecision d = judge(distress).decide("le compte est à découvert depuis trois mois", distress, BigDecimal.ZERO,
                withConfidence(0.8));
        assertEquals(Theme.DIFFICULTES, d.domain());
        assertEquals(HandoffReason.SENSITIVE_SITUATION, d.reason());
        assertEquals("entreprise en difficulté", d.detail());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rappelez-moi demain", "un rendez-vous svp", "je préfère voir quelqu'un"})
    void aSubjectTooUnclearToTellGoesToTheGivenDomain(String message) {
        assertEquals(Theme.FINANCEMENT, judge(ORDINARY).domainOf(message, withConfidence(0.1), Theme.FINANCEMENT), message);
    }
}
