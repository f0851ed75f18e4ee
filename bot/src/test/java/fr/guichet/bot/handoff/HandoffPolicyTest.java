package fr.guichet.bot.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.knowledge.catalogue.Theme;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HandoffPolicyTest {
    private final HandoffPolicy policy = new HandoffPolicy();

    @ParameterizedTest(name = "{0} -> {1} / {2}")
    @CsvSource(delimiter = '|', value = {
            "je veux parler a quelqu'un|EXPLICIT_REQUEST|",
            "Est-ce qu'un conseiller peut me rappeler ?|EXPLICIT_REQUEST|",
            "je prefere voir un humain|EXPLICIT_REQUEST|",
            "je voudrais prendre rendez-vous pour mon projet de creation|EXPLICIT_REQUEST|",
            "Mon entreprise est en cessation de paiement, que faire ?|SENSITIVE_SITUATION|difficultes",
            "on est en redressement judiciaire depuis mars|SENSITIVE_SITUATION|difficultes",
            "risque de liquidation, je panique|SENSITIVE_SITUATION|difficultes",
            "j'ai un litige avec un fournisseur qui ne livre pas|SENSITIVE_SITUATION|juridique-formalites",
            "contentieux avec un client|SENSITIVE_SITUATION|juridique-formalites",
            "je dois faire un licenciement economique|SENSITIVE_SITUATION|recrutement-rh",
            "une salariée se plaint de harcèlement|SENSITIVE_SITUATION|recrutement-rh",
            "je veux vendre ma boite l'an prochain|SENSITIVE_SITUATION|reprise-transmission",
            "racheter une boulangerie a Bethune|SENSITIVE_SITUATION|reprise-transmission",
            "reprise d'un fonds de commerce|SENSITIVE_SITUATION|reprise-transmission",
            "je peux cumuler l'ARCE et l'ACRE ?|COMBINED_AIDS|",
            "construire une usine a 2 millions d'euros|LARGE_PROJECT|",
            "projet de 800 000 € pour agrandir l'entrepot|LARGE_PROJECT|",
            "un client refuse de me payer depuis 6 mois|SENSITIVE_SITUATION|juridique-formalites",
            "reprendre une boite en liquidation avec ses salaries|SENSITIVE_SITUATION|reprise-transmission",
            "appelez moi svp, j'ai besoin d'un vrai conseiller|EXPLICIT_REQUEST|",
            // typed the way people type: one letter off, no accents
            "on est en cessation de paiment depuis 2 semaines|SENSITIVE_SITUATION|difficultes",
            "redresement judiciaire prononce hier|SENSITIVE_SITUATION|difficultes",
            "je voudrais un conseiler svp|EXPLICIT_REQUEST|",
            "besoin d'un contact a la cci pour mon export|EXPLICIT_REQUEST|",
            "j'aimerais etre accompagne par un humain|EXPLICIT_REQUEST|",
            "je veux vendre ma boulangerie, combien elle vaut ?|SENSITIVE_SITUATION|reprise-transmission",
            "combien vaut mon entreprise ?|SENSITIVE_SITUATION|reprise-transmission",
            "mon associe veut partir, on s'embrouille sur les parts|SENSITIVE_SITUATION|juridique-formalites",
            "conflit avec mon associe sur la gestion|SENSITIVE_SITUATION|juridique-formalites"})
    void messageRulesTrigger(String message, HandoffReason reason, String domain) {
        HandoffDecision d = policy.onMessage(message);
        assertTrue(d.needed(), message);
        assertEquals(reason, d.reason());
        assertEquals(domain == null ? null : Theme.fromCode(domain).orElseThrow(), d.domain());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "aide pour creer mon entreprise a Bruay",
            "formation excel debutant",
            "je veux embaucher un apprenti",
            "une somme de 5000 euros pour mon site web",
            "pret d'honneur pour me lancer",
            "comment me conseiller sur le choix du statut ?",
            "j'ai 62 salariés et je veux les former",
            "formation au permis d'exploitation pour mon bar",
            "j'embauche une personne rqth, l'amenagement du poste est finance ?",
            "je dois nommer un referent harcelement au cse, il y a une formation ?",
            "il me faut un previsionnel pour le rdv a la banque",
            "pret de 20 000 € pour acheter un camion",
            "une formation pour reprendre une entreprise",
            "atelier sur la transmission d'entreprise a Bethune ?",
            "prochaine session de la formation haccp",
            "reprendre mon activite apres un conge maternite",
            "je veux vendre mes produits sur internet"})
    void ordinaryQuestionsStayWithTheBot(String message) {
        assertFalse(policy.onMessage(message).needed(), message);
    }

    @Test
    void largeProjectThresholdIsConfigurable() {
        HandoffPolicy strict = new HandoffPolicy(HandoffPolicy.DEFAULT_MIN_CONFIDENCE, new BigDecimal("50000"));
        assertTrue(strict.onMessage("pret de 60 000 € pour un camion").needed());
        assertFalse(policy.onMessage("pret de 60 000 € pour un camion").needed());
    }

    @Test
    void amountsAreReadTheWayPeopleWriteThem() {
        assertEquals(new BigDecimal("2000000"), HandoffPolicy.largestAmount("un projet a 2 millions").orElseThrow());
        assertEquals(new BigDecimal("1500000.0"), HandoffPolicy.largestAmount("1,5 M€ d'investissement").orElseThrow());
        assertEquals(new BigDecimal("300000"), HandoffPolicy.largestAmount("300k€ de machines").orElseThrow());
        assertEquals(new BigDecimal("800000"), HandoffPolicy.largestAmount("800 000 euros").orElseThrow());
        assertTrue(HandoffPolicy.largestAmount("j'ai 12 salariés depuis 2019").isEmpty());
        assertTrue(HandoffPolicy.largestAmount("PME de 12M€ de CA, on veut trier nos déchets").isEmpty(), "turnover");
        assertTrue(HandoffPolicy.largestAmount("2 millions d'euros de chiffre d'affaires").isEmpty(), "turnover");
        assertEquals(new BigDecimal("600000"),
                HandoffPolicy.largestAmount("5 M€ de CA et un projet de 600 000 €").orElseThrow(), "the project, not the turnover");
    }

    @Test
    void lowConfidenceAndUnhelpfulStreak() {
        assertEquals(HandoffReason.LOW_CONFIDENCE, policy.onRetrieval("licorne magique", 0.1, 1).reason());
        assertFalse(policy.onRetrieval("pret d'honneur", 0.9, 0).needed());
        HandoffDecision two = policy.onRetrieval("pret d'honneur", 0.9, 2);
        assertEquals(HandoffReason.UNHELPFUL_ANSWERS, two.reason());
        assertEquals(Theme.FINANCEMENT, two.domain());
    }

    @Test
    void oneLetterOffIsOneEditButTwoIsNot() {
        assertTrue(TriggerWords.oneEditApart("paiment", "paiement"), "dropped");
        assertTrue(TriggerWords.oneEditApart("conseilller", "conseiller"), "added");
        assertTrue(TriggerWords.oneEditApart("liquidasion", "liquidation"), "changed");
        assertTrue(TriggerWords.oneEditApart("faillitte", "faillite"), "added twice-letter");
        assertTrue(TriggerWords.oneEditApart("huisiser", "huissier"), "swapped");
        assertFalse(TriggerWords.oneEditApart("paiement", "paiement"), "identical");
        assertFalse(TriggerWords.oneEditApart("payment", "paiement"), "two edits");
        assertEquals("la session de formation", TriggerWords.correct("la session de formation"));
        assertEquals("cessation de paiement", TriggerWords.correct("cesation de paiment"));
    }
}
