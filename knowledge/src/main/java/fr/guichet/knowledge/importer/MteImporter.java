package fr.guichet.knowledge.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import fr.guichet.knowledge.catalogue.Theme;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Converts the Mission Transition Écologique programmes (one YAML file each, French keys)
 * into a catalogue directory: {@code formation} programmes become trainings, the others
 * schemes; an example advisers.json covers every theme.
 */
public final class MteImporter {

    /** What was written. */
    public record Report(int schemes, int trainings, List<String> skipped) {
    }

    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("d/M/yyyy");
    private static final Pattern PLAIN_AMOUNT = Pattern.compile(
            "^(jusqu['’]à|jusqu['’]a|maximum|au maximum|plafonné à)?\\s*([0-9][0-9   .]*)\\s*(€|euros?)\\s*(ht|ttc)?\\.?$");
    private static final Pattern RANGE_AMOUNT = Pattern.compile(
            "^(?:entre|de)\\s*([0-9][0-9   .]*)\\s*(?:€|euros?)?\\s*(?:et|à)\\s*([0-9][0-9   .]*)\\s*(€|euros?)\\s*(ht|ttc)?\\.?$");
    private static final Pattern HOURS = Pattern.compile("([0-9]+(?:[,.][0-9]+)?)\\s*(?:h\\b|heures?)");
    private static final Pattern DAYS = Pattern.compile("([0-9]+(?:[,.][0-9]+)?)\\s*(?:jours?|journées?)");

    /** Words in a programme's text that say which other themes it touches, besides the environment. */
    private static final Map<Theme, List<String>> THEME_WORDS = Map.ofEntries(
            Map.entry(Theme.FINANCEMENT, List.of("prêt", "subvention", "financement", "crédit d'impôt", "garantie")),
            Map.entry(Theme.FORMATION, List.of("formation", "former", "webinaire", "atelier")),
            Map.entry(Theme.RECRUTEMENT_RH, List.of("recrut", "salarié", "compétences", "emploi")),
            Map.entry(Theme.INDUSTRIE, List.of("industri", "usine", "procédé", "production")),
            Map.entry(Theme.COMMERCE, List.of("commerce", "commerçant", "boutique", "magasin")),
            Map.entry(Theme.LOGISTIQUE, List.of("logistique", "transport de marchandises", "flotte", "poids lourd", "fret")),
            Map.entry(Theme.FLUVIAL, List.of("fluvial", "voie navigable")),
            Map.entry(Theme.TOURISME, List.of("touris", "hôtel", "hébergement", "camping")),
            Map.entry(Theme.NUMERIQUE, List.of("numérique", "digital", "logiciel")),
            Map.entry(Theme.INNOVATION, List.of("innovation", "innovant", "recherche et développement", "r&d")),
            Map.entry(Theme.IMMOBILIER_IMPLANTATION, List.of("bâtiment", "locaux", "immobilier", "rénovation")),
            Map.entry(Theme.INTERNATIONAL, List.of("export", "international")));

    private final ObjectMapper yaml = new YAMLMapper();
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    /**
     * Converts every programme of {@code from} into a catalogue in {@code to}.
     *
     * @param home the territory the deployment serves, written in catalogue.json; null writes none
     */
    public Report importDirectory(Path from, Path to, String home) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(from)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException(from + " : aucun fichier .yaml trouvé");
        }
        ArrayNode schemes = nodes.arrayNode();
        ArrayNode trainings = nodes.arrayNode();
        List<String> skipped = new ArrayList<>();
        for (Path file : files) {
            String id = file.getFileName().toString().replaceFirst("\\.yaml$", "");
            JsonNode programme;
            try {
                programme = yaml.readTree(file.toFile());
            } catch (IOException e) {
                skipped.add(id + " : YAML illisible (" + e.getMessage() + ")");
                continue;
            }
            ObjectNode entry = convert(id, programme);
            boolean training = "formation".equals(lower(text(programme, "nature de l'aide")));
            (training ? trainings : schemes).add(entry);
        }
        Files.createDirectories(to);
        json.writeValue(to.resolve("schemes.json").toFile(), schemes);
        json.writeValue(to.resolve("trainings.json").toFile(), trainings);
        json.writeValue(to.resolve("advisers.json").toFile(), exampleAdvisers());
        ObjectNode info = nodes.objectNode().put("name", "Mission Transition Écologique (import)");
        if (home != null) {
            info.put("home", home);
        }
        json.writeValue(to.resolve("catalogue.json").toFile(), info);
        return new Report(schemes.size(), trainings.size(), skipped);
    }

    ObjectNode convert(String id, JsonNode p) {
        ObjectNode e = nodes.objectNode();
        String nature = lower(text(p, "nature de l'aide"));
        e.put("id", id);
        e.put("title", text(p, "titre"));
        String promise = text(p, "promesse");
        e.put("summary", promise == null ? text(p, "titre") : truncate(promise, 400));
        String description = joinLines(text(p, "description"), text(p, "description longue"),
                p.has("autres opérateurs") ? "Autres opérateurs : " + String.join(", ", texts(p.get("autres opérateurs"))) : null,
                "oui".equals(lower(text(p, "aide temporairement indisponible"))) ? "Aide temporairement indisponible." : null);
        if (description != null) {
            e.put("description", description);
        }
        ArrayNode themes = e.putArray("themes");
        themesOf(p, nature).forEach(t -> themes.add(t.code()));

        JsonNode eligibility = p.path("conditions d'éligibilité");
        ObjectNode audience = e.putObject("audience");
        ArrayNode stages = audience.putArray("stages");
        stagesOf(texts(eligibility.get("nombre d'années d'activité"))).forEach(stages::add);
        ArrayNode sectors = audience.putArray("sectors");
        texts(eligibility.get("secteur d'activité")).stream()
                .filter(s -> !lower(s).startsWith("tous secteurs")).forEach(sectors::add);
        ArrayNode conditions = audience.putArray("conditions");
        for (String key : List.of("taille de l'entreprise", "nombre d'années d'activité", "autres critères d'éligibilité")) {
            texts(eligibility.get(key)).stream().filter(c -> !c.startsWith("Éligible à toutes")).forEach(conditions::add);
        }
        ArrayNode territories = e.putArray("territories");
        for (String zone : texts(eligibility.get("secteur géographique"))) {
            for (String part : zone.split(",")) {
                String t = part.strip();
                if (!t.isEmpty()) {
                    territories.add(t.startsWith("France") ? "France" : t);
                }
            }
        }
        e.put("provider", text(p, "opérateur de contact") == null ? "Mission Transition Écologique" : text(p, "opérateur de contact"));
        String benefit = joinSentences(capitalise(nature),
                label("Montant", text(p, "montant du financement")),
                label("Montant du prêt", text(p, "montant du prêt")),
                label("Durée du prêt", text(p, "durée du prêt")),
                label("Avantage fiscal", text(p, "montant de l'avantage fiscal")),
                label("Coût", text(p, "coût de l'accompagnement")),
                label("Durée", text(p, "durée de l'accompagnement")));
        e.put("benefit", benefit);
        String amountText = text(p, "montant du financement") != null ? text(p, "montant du financement")
                : text(p, "montant du prêt");
        if (!"formation".equals(nature)) {
            putAmounts(e, amountText);
        }
        String steps = steps(p.get("objectifs"));
        if (steps != null) {
            e.put("how_to_apply", steps);
        }
        String url = text(p, "url");
        if (url != null && url.strip().matches("https?://\\S+")) {
            e.put("url", url.strip());
        }
        ArrayNode keywords = e.putArray("keywords");
        objectivesOf(p.get("publicodes")).forEach(keywords::add);
        putDate(e, "valid_from", text(p, "début de validité"));
        putDate(e, "valid_until", text(p, "fin de validité"));
        if ("formation".equals(nature)) {
            putTraining(e, p);
        }
        return e;
    }

    private static Set<Theme> themesOf(JsonNode p, String nature) {
        Set<Theme> themes = new LinkedHashSet<>();
        themes.add(Theme.DEVELOPPEMENT_DURABLE);
        if ("formation".equals(nature)) {
            themes.add(Theme.FORMATION);
        }
        if (Set.of("financement", "prêt", "avantage fiscal").contains(nature)) {
            themes.add(Theme.FINANCEMENT);
        }
        String all = lower(String.join(" ", nonNull(text(p, "titre"), text(p, "promesse"), text(p, "description"))));
        THEME_WORDS.forEach((theme, words) -> {
            if (words.stream().anyMatch(all::contains)) {
                themes.add(theme);
            }
        });
        return themes;
    }

    private static List<String> stagesOf(List<String> seniority) {
        List<String> stages = new ArrayList<>();
        for (String s : seniority) {
            String l = lower(s);
            if (l.startsWith("au moins")) {
                stages.add("developpement");
            } else if (l.startsWith("moins de")) {
                stages.addAll(List.of("creation", "jeune-entreprise"));
            }
        }
        return stages.stream().distinct().toList();
    }

    /** The programme's declared objectives ("ma performance énergétique"…), from its publicodes rules. */
    private static List<String> objectivesOf(JsonNode publicodes) {
        Set<String> out = new LinkedHashSet<>();
        if (publicodes != null) {
            Matcher m = Pattern.compile("objectif prioritaire \\. est ([^\"\\]\\n,]+)").matcher(publicodes.toString());
            while (m.find()) {
                out.add(m.group(1).strip());
            }
        }
        return new ArrayList<>(out);
    }

    private void putAmounts(ObjectNode e, String amount) {
        if (amount == null) {
            return;
        }
        String a = lower(amount).strip();
        Matcher plain = PLAIN_AMOUNT.matcher(a);
        Matcher range = RANGE_AMOUNT.matcher(a);
        if (plain.matches()) {
            BigDecimal value = number(plain.group(2));
            if (plain.group(1) == null) {
                e.put("amount_min", value);
            }
            e.put("amount_max", value);
        } else if (range.matches()) {
            e.put("amount_min", number(range.group(1)));
            e.put("amount_max", number(range.group(2)));
        }
    }

    private void putTraining(ObjectNode e, JsonNode p) {
        String cost = lower(text(p, "coût de l'accompagnement"));
        if (cost != null) {
            // only a plain "Gratuit": "Gratuit pour les entreprises de moins de 50 salariés" is not free for all
            if (cost.strip().matches("gratuite?\\.?")) {
                e.put("price_eur", 0);
            } else {
                Matcher m = PLAIN_AMOUNT.matcher(cost.strip());
                if (m.matches()) {
                    e.put("price_eur", number(m.group(2)));
                }
            }
        }
        String duration = lower(text(p, "durée de l'accompagnement"));
        if (duration != null) {
            Matcher h = HOURS.matcher(duration);
            Matcher d = DAYS.matcher(duration);
            if (h.find()) {
                e.put("duration_hours", new BigDecimal(h.group(1).replace(',', '.')));
            } else if (d.find()) {
                e.put("duration_hours", new BigDecimal(d.group(1).replace(',', '.')).multiply(BigDecimal.valueOf(7)));
            }
        }
    }

    private static void putDate(ObjectNode e, String field, String frenchDate) {
        if (frenchDate == null) {
            return;
        }
        try {
            e.put(field, LocalDate.parse(frenchDate.strip(), FRENCH_DATE).toString());
        } catch (DateTimeParseException ignored) {
            // an unreadable date is left out rather than guessed; the text keeps the programme's words
        }
    }

    private static String steps(JsonNode objectives) {
        if (objectives == null || !objectives.isArray()) {
            return null;
        }
        List<String> steps = new ArrayList<>();
        int n = 1;
        for (JsonNode o : objectives) {
            String d = o.path("description").asText("").strip();
            if (!d.isEmpty()) {
                StringBuilder step = new StringBuilder(n++ + ". " + d);
                for (JsonNode link : o.path("liens")) {
                    String url = link.path("lien").asText("").strip();
                    if (!url.isEmpty()) {
                        step.append(" (").append(link.path("texte").asText("lien").strip()).append(" : ").append(url).append(")");
                    }
                }
                steps.add(step.toString());
            }
        }
        return steps.isEmpty() ? null : String.join("\n", steps);
    }

    /** An example advisers.json covering every theme, to be replaced by the deploying CCI. */
    ArrayNode exampleAdvisers() {
        ArrayNode advisers = nodes.arrayNode();
        ObjectNode a = advisers.addObject();
        a.put("id", "conseiller-transition");
        a.put("name", "Camille Exemple");
        a.put("role", "Conseillère transition écologique (exemple)");
        ArrayNode domains = a.putArray("domains");
        for (Theme t : Theme.values()) {
            domains.add(t.code());
        }
        a.put("email", "transition@example.org");
        a.put("backup", "conseiller-entreprises");
        ObjectNode b = advisers.addObject();
        b.put("id", "conseiller-entreprises");
        b.put("name", "Dominique Exemple");
        b.put("role", "Conseiller entreprises (exemple)");
        ArrayNode all = b.putArray("domains");
        for (Theme t : Theme.values()) {
            all.add(t.code());
        }
        b.put("email", "entreprises@example.org");
        b.put("backup", "conseiller-transition");
        return advisers;
    }

    // ---- small text helpers ---------------------------------------------------------------

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText().strip();
        return s.isEmpty() ? null : s;
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(n -> {
                if (n.isValueNode() && !n.asText().isBlank()) {
                    out.add(n.asText().strip());
                }
            });
        } else if (node.isValueNode() && !node.asText().isBlank()) {
            out.add(node.asText().strip());
        }
        return out;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.FRENCH);
    }

    private static String capitalise(String s) {
        return s == null || s.isEmpty() ? null : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String label(String label, String value) {
        return value == null ? null : label + " : " + value;
    }

    private static List<String> nonNull(String... values) {
        return Stream.of(values).filter(v -> v != null).toList();
    }

    private static String joinLines(String... parts) {
        List<String> present = nonNull(parts);
        return present.isEmpty() ? null : String.join("\n\n", present);
    }

    private static String joinSentences(String... parts) {
        return String.join(". ", nonNull(parts).stream().map(s -> s.replaceAll("\\.$", "")).toList()) + ".";
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1).strip() + "…";
    }

    private static BigDecimal number(String digits) {
        return new BigDecimal(digits.replaceAll("[^0-9]", ""));
    }
}
