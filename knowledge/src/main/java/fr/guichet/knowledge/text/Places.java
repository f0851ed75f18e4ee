package fr.guichet.knowledge.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The geography the engine knows (resource {@code guichet/places.tsv}: every region and
 * department, the agglomeration and its communes, the main cities): recognises a place
 * named in a question, and the area an entry's territory string stands for.
 */
public final class Places {
    private static final String RESOURCE = "/guichet/places.tsv";
    private static final int MAX_WORDS = 6;
    /** Words after which a name that is also a common word ("le Nord", "dans la Somme") is a place. */
    private static final Set<String> PLACE_CUES = Set.of("en", "a", "au", "aux", "dans", "pres", "vers", "sur",
            "departement", "dept", "region", "ville", "commune", "de", "du", "cote");
    private static final Set<String> ARTICLES = Set.of("le", "la", "les", "l");
    private static final Set<String> FRANCE_WORDS = Set.of("france", "national", "nationale", "france entiere",
            "france et territoires d outre mer", "toute la france", "france metropolitaine");
    private static final Pattern POSTCODE = Pattern.compile("\\b((?:97[1-6])|(?:2[ab])|\\d{2})\\d{3}\\b(?!\\s*(?:€|e\\b|eur|euro|k|salari|habitant|m2|m²))");

    private static final Places INSTANCE = load();

    private record Name(Place place, boolean ambiguous) {
    }

    private final Map<String, List<Name>> byName = new HashMap<>();
    private final Map<String, Place> byCode = new HashMap<>();

    private Places() {
    }

    public static Places get() {
        return INSTANCE;
    }

    private static Places load() {
        Places places = new Places();
        record Row(String kind, String name, String code, String parent, String aliases, boolean ambiguous) {
        }
        List<Row> rows = new ArrayList<>();
        try (InputStream in = Places.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource missing: " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine(); // header
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                rows.add(new Row(c[0], c[1], c[2], c[3], c[4], c.length > 5 && c[5].equals("1")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Row> rowByCode = new HashMap<>();
        rows.forEach(r -> rowByCode.putIfAbsent(r.kind().equals("commune") ? "c:" + r.code() : r.code(), r));
        for (Row row : rows) {
            List<String> path = new ArrayList<>();
            path.add(row.code());
            for (String parent = row.parent(); !parent.isEmpty(); ) {
                path.add(0, parent);
                Row up = rowByCode.get(parent);
                parent = up == null ? "" : up.parent();
            }
            Place place = new Place(row.kind(), row.name(), row.code(), path);
            places.byCode.putIfAbsent(row.kind().equals("commune") ? "c:" + row.code() : row.code(), place);
            places.add(row.name(), place, row.ambiguous());
            for (String alias : row.aliases().split("\\|")) {
                if (!alias.isBlank()) {
                    // department numbers ("62") are ambiguous: "62 salariés"
                    places.add(alias, place, row.ambiguous() || alias.strip().matches("\\d+"));
                }
            }
        }
        return places;
    }

    private void add(String name, Place place, boolean ambiguous) {
        String key = FrenchText.normalize(name);
        if (!key.isEmpty()) {
            List<Name> names = byName.computeIfAbsent(key, k -> new ArrayList<>());
            if (names.stream().noneMatch(n -> n.place().equals(place))) {
                names.add(new Name(place, ambiguous));
            }
        }
    }

    /**
     * The most precise place named in a question ("je suis à Béthune", "dans le 62",
     * "en Bretagne", a postcode), if any.
     */
    public Optional<Place> findIn(String text) {
        return mentionIn(text).map(Mention::place);
    }

    /** A place named in a text, and the (normalized) words that named it. */
    public record Mention(Place place, Set<String> words) {
    }

    /** Like {@link #findIn}, also telling which words named the place, so a search can drop them. */
    public Optional<Mention> mentionIn(String text) {
        String[] words = FrenchText.normalize(text).split(" ");
        Place best = null;
        Set<String> bestWords = Set.of();
        for (int i = 0; i < words.length; i++) {
            for (int n = Math.min(MAX_WORDS, words.length - i); n >= 1; n--) {
                String candidate = String.join(" ", java.util.Arrays.copyOfRange(words, i, i + n));
                List<Name> names = byName.get(candidate);
                if (names == null) {
                    continue;
                }
                Place found = pick(names, candidate.matches("\\d+") ? numberIsPlace(words, i) : hasCue(words, i));
                if (found != null) {
                    if (best == null || found.path().size() >= best.path().size()) {
                        best = found;
                        bestWords = Set.of(candidate.split(" "));
                    }
                    i += n - 1;
                    break;
                }
            }
        }
        if (best == null) {
            Matcher postcode = POSTCODE.matcher(text.toLowerCase(Locale.ROOT));
            while (postcode.find() && best == null) {
                best = byCode.get(postcode.group(1).toUpperCase(Locale.ROOT));
                bestWords = Set.of(postcode.group());
            }
        }
        return best == null ? Optional.empty() : Optional.of(new Mention(best, bestWords));
    }

    private static Place pick(List<Name> names, boolean cued) {
        // a name both commune and department (Paris) is the commune; prefer unambiguous readings
        return names.stream()
                .filter(n -> cued || !n.ambiguous())
                .map(Name::place)
                .max((a, b) -> Integer.compare(a.path().size(), b.path().size()))
                .orElse(null);
    }

    /** Words after a number that make it a quantity, not a department ("60 salariés", "62 000 €"). */
    private static final Set<String> QUANTITY_WORDS = Set.of("salaries", "salarie", "employes", "personnes", "ans", "an",
            "mois", "jours", "heures", "euros", "euro", "eur", "k", "000", "m2", "metres", "km", "clients", "pourcent");

    /** A department number counts only as "dans le 62", "département 59", "le 59" after a place cue. */
    private static boolean numberIsPlace(String[] words, int i) {
        if (i + 1 < words.length && QUANTITY_WORDS.contains(words[i + 1])) {
            return false;
        }
        if (i >= 1 && Set.of("departement", "dept", "dep").contains(words[i - 1])) {
            return true;
        }
        return i >= 2 && Set.of("le", "du").contains(words[i - 1]) && Set.of("dans", "en", "sur", "pres", "vers", "de")
                .contains(words[i - 2]);
    }

    private static boolean hasCue(String[] words, int i) {
        if (i == 0) {
            return false;
        }
        String previous = words[i - 1];
        if (PLACE_CUES.contains(previous)) {
            return true;
        }
        return ARTICLES.contains(previous) && i >= 2 && PLACE_CUES.contains(words[i - 2]);
    }

    /** The region a place lies in (itself for a region); empty for France. */
    public Optional<Place> regionOf(Place place) {
        return place.path().isEmpty() ? Optional.empty() : Optional.ofNullable(byCode.get(place.path().get(0)));
    }

    /**
     * The area an entry's territory string stands for ("Hauts-de-France", "Pas-de-Calais",
     * "CABBALR", "France"), or empty when the engine does not know it.
     */
    public Optional<Place> area(String territory) {
        String key = FrenchText.normalize(territory);
        if (FRANCE_WORDS.contains(key)) {
            return Optional.of(Place.FRANCE);
        }
        List<Name> names = byName.get(key);
        if (names == null) {
            return Optional.empty();
        }
        // an entry's territory is an area, so take the widest reading ("Paris" the department)
        return names.stream().map(Name::place).min((a, b) -> Integer.compare(a.path().size(), b.path().size()));
    }
}
