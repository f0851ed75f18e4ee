package fr.guichet.knowledge.catalogue;

import java.util.Arrays;
import java.util.Optional;

/** The theme codes of the catalogue format, with the French label users read. */
public enum Theme {
    CREATION("creation", "création d'entreprise"),
    REPRISE_TRANSMISSION("reprise-transmission", "reprise et transmission"),
    FINANCEMENT("financement", "financement"),
    RECRUTEMENT_RH("recrutement-rh", "recrutement et ressources humaines"),
    FORMATION("formation", "formation"),
    NUMERIQUE("numerique", "numérique"),
    INTERNATIONAL("international", "international et export"),
    INNOVATION("innovation", "innovation"),
    INDUSTRIE("industrie", "industrie"),
    COMMERCE("commerce", "commerce"),
    LOGISTIQUE("logistique", "logistique"),
    FLUVIAL("fluvial", "transport fluvial"),
    SILVER_ECONOMIE("silver-economie", "silver économie"),
    TOURISME("tourisme", "tourisme"),
    IMMOBILIER_IMPLANTATION("immobilier-implantation", "immobilier et implantation"),
    DEVELOPPEMENT_DURABLE("developpement-durable", "transition écologique et énergie"),
    DIFFICULTES("difficultes", "entreprises en difficulté"),
    JURIDIQUE_FORMALITES("juridique-formalites", "juridique et formalités"),
    RESEAUX_ANIMATION("reseaux-animation", "réseaux d'entreprises");

    private final String code;
    private final String label;

    Theme(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Optional<Theme> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
