package fr.guichet.knowledge.catalogue;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import fr.guichet.knowledge.text.Places;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Loads and validates a catalogue directory (see catalogue-format.md). Every problem is
 * collected, one line each; any error refuses the whole directory, so a broken catalogue
 * never replaces a working one.
 */
public final class CatalogueLoader {

    /** A catalogue that loaded, with the warnings (unknown fields…) met on the way. */
    public record Loaded(Catalogue catalogue, List<Problem> warnings) {
    }

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /**
     * Size limits, documented in the catalogue's README: a real catalogue is a few hundred
     * kilobytes (the bundled one, 300 entries, is 0.7 MB). Far beyond, loading would only end
     * in an OutOfMemoryError; the file is refused with one line instead.
     */
    public static final long MAX_FILE_BYTES = 10L * 1024 * 1024;
    public static final long MAX_TOTAL_BYTES = 20L * 1024 * 1024;
    /** Bounds of the numbers of an entry: beyond, a number is a typo, and showing it could take gigabytes. */
    static final BigDecimal MAX_AMOUNT_EUR = new BigDecimal("10000000000");   // 10 billion
    static final BigDecimal MAX_PRICE_EUR = new BigDecimal("1000000");        // 1 million
    static final BigDecimal MAX_DURATION_HOURS = new BigDecimal("10000");
    /** The UTF-8 byte-order mark spreadsheets write at the start of a « CSV UTF-8 » file. */
    private static final char BOM = '\uFEFF';
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final int SUMMARY_MAX = 400;
    private static final Set<String> FORMATS = Set.of("presentiel", "distanciel", "mixte");

    private static final Set<String> ENTRY_FIELDS = Set.of("id", "title", "summary", "description", "themes",
            "audience.stages", "audience.sectors", "audience.conditions", "territories", "provider", "benefit",
            "amount_min", "amount_max", "how_to_apply", "url", "keywords", "adviser_domain", "valid_from",
            "valid_until", "last_reviewed", "sources", "verified_on", "verified_by", "cost");
    private static final Set<String> TRAINING_FIELDS = Set.of("duration_hours", "price_eur", "format", "sessions",
            "cpf_eligible", "certification", "prerequisites");
    private static final Set<String> ADVISER_FIELDS = Set.of("id", "name", "role", "domains", "territories",
            "discord_user_id", "email", "phone", "backup");
    /** CSV cells of these fields hold {@code |}-separated lists. */
    private static final Set<String> LIST_FIELDS = Set.of("themes", "audience.stages", "audience.sectors",
            "audience.conditions", "territories", "keywords", "sessions", "domains");

    private static final String THEME_CODES = Arrays.stream(Theme.values()).map(Theme::code)
            .collect(Collectors.joining(", "));
    private static final String STAGE_CODES = Arrays.stream(Stage.values()).map(Stage::code)
            .collect(Collectors.joining(", "));

    private static final Set<String> SOURCE_FIELDS = Set.of("url", "title", "publisher", "accessed", "official",
            "supports");

    private static final Set<String> INFO_FIELDS = Set.of("name", "home", "status");
    private static final Set<String> STATUSES = Set.of("sample", "production");

    /** Anything after the one array or object, or a key twice in one object, makes a file malformed. */
    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The day against which « every entry has expired » is judged; null: not judged. */
    private final LocalDate today;

    /** A loader that does not judge expiry (benchmarks, tests with their own dates). */
    public CatalogueLoader() {
        this(null);
    }

    /** @param today refuses a catalogue whose every entry has expired by that day */
    public CatalogueLoader(LocalDate today) {
        this.today = today;
    }

    public Loaded load(Path dir) throws CatalogueException {
        List<Problem> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            throw new CatalogueException(List.of(Problem.error(dir.toString(), "-", "-",
                    "le dossier du catalogue n'existe pas ou n'est pas un dossier")));
        }
        checkSizes(dir);
        // read first: every entry carries whether its catalogue is a sample
        CatalogueInfo info = readInfo(dir, problems);
        List<Entry> schemes = readEntries(dir, EntryKind.SCHEME, info.sample(), problems);
        List<Entry> trainings = readEntries(dir, EntryKind.TRAINING, info.sample(), problems);
        List<Adviser> advisers = readAdvisers(dir, problems);
        String synonyms = readSynonyms(dir, problems);

        checkUniqueIds(schemes, trainings, Map.of(EntryKind.SCHEME, entryFile(dir, EntryKind.SCHEME),
                EntryKind.TRAINING, entryFile(dir, EntryKind.TRAINING)), problems);
        checkAdvisers(advisers, problems);
        checkSomethingToOffer(entryFile(dir, EntryKind.SCHEME), schemes, trainings, problems);

        List<Problem> errors = problems.stream().filter(Problem::isError).toList();
        if (!errors.isEmpty()) {
            throw new CatalogueException(problems.stream()
                    .sorted((a, b) -> Boolean.compare(b.isError(), a.isError())).toList());
        }
        return new Loaded(new Catalogue(schemes, trainings, advisers, synonyms, info),
                problems.stream().filter(p -> !p.isError()).toList());
    }

    // ---- files --------------------------------------------------------------------------

    /** One line per file too large, before anything is read: the files are never loaded. */
    private static void checkSizes(Path dir) throws CatalogueException {
        List<Problem> problems = new ArrayList<>();
        long total = 0;
        for (String name : List.of("schemes.json", "schemes.csv", "trainings.json", "trainings.csv", "advisers.json",
                "synonyms.txt", "catalogue.json")) {
            Path file = dir.resolve(name);
            try {
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                long size = Files.size(file);
                total += size;
                if (size > MAX_FILE_BYTES) {
                    problems.add(Problem.error(name, "-", "-", "fichier trop gros (" + megabytes(size) + " ; "
                            + megabytes(MAX_FILE_BYTES) + " au plus par fichier, voir le README du catalogue)"));
                }
            } catch (IOException e) {
                problems.add(Problem.error(name, "-", "-", "lecture impossible : " + e.getMessage()));
            }
        }
        if (problems.isEmpty() && total > MAX_TOTAL_BYTES) {
            problems.add(Problem.error(dir.getFileName() == null ? dir.toString() : dir.getFileName().toString(), "-", "-",
                    "catalogue trop gros (" + megabytes(total) + " en tout ; " + megabytes(MAX_TOTAL_BYTES)
                            + " au plus, voir le README du catalogue)"));
        }
        if (!problems.isEmpty()) {
            throw new CatalogueException(problems);
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.FRANCE, "%.1f Mo", bytes / (1024.0 * 1024.0));
    }

    /**
     * A catalogue that would offer nothing is refused: a schemes file with no entry (a file
     * emptied by mistake), or entries that have all expired (a catalogue nobody updated).
     */
    private void checkSomethingToOffer(String schemesFile, List<Entry> schemes, List<Entry> trainings,
                                       List<Problem> problems) {
        if (problems.stream().anyMatch(Problem::isError)) {
            return; // entries were refused or a file is broken: the counts say nothing yet
        }
        if (schemes.isEmpty()) {
            problems.add(Problem.error(schemesFile, "-", "-",
                    "aucun dispositif : le fichier ne contient aucune entrée (un catalogue sans dispositif ne répondrait à rien)"));
        }
        List<Entry> all = new ArrayList<>(schemes);
        all.addAll(trainings);
        if (today != null && !all.isEmpty()
                && all.stream().allMatch(e -> e.validUntil() != null && e.validUntil().isBefore(today))) {
            problems.add(Problem.error(schemesFile, "-", "valid_until", "toutes les entrées sont expirées au " + today
                    + " (valid_until dépassée) : le catalogue ne proposerait plus rien ; mettez-le à jour"));
        }
    }

    /** The text of a file, without the byte-order mark some editors put first. */
    private static String readText(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
    }

    private List<Entry> readEntries(Path dir, EntryKind kind, boolean sample, List<Problem> problems) {
        Path jsonFile = dir.resolve(kind.fileStem() + ".json");
        Path csvFile = dir.resolve(kind.fileStem() + ".csv");
        boolean hasJson = Files.exists(jsonFile);
        boolean hasCsv = Files.exists(csvFile);
        if (hasJson && hasCsv) {
            problems.add(Problem.error(kind.fileStem() + ".json", "-", "-",
                    "deux fichiers pour les mêmes entrées (" + kind.fileStem() + ".json et " + kind.fileStem()
                            + ".csv) : n'en gardez qu'un"));
            return List.of();
        }
        if (!hasJson && !hasCsv) {
            problems.add(Problem.error(kind.fileStem() + ".json", "-", "-",
                    "fichier obligatoire manquant (" + kind.fileStem() + ".json ou " + kind.fileStem() + ".csv)"));
            return List.of();
        }
        List<Located> rows = hasJson ? readJsonArray(jsonFile, problems) : readCsv(csvFile, problems);
        String fileName = (hasJson ? jsonFile : csvFile).getFileName().toString();
        List<Entry> entries = new ArrayList<>();
        for (Located row : rows) {
            Entry entry = readEntry(kind, fileName, row, sample, problems);
            if (entry != null) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** One object of a file, with how to name it when it has no id. */
    private record Located(ObjectNode node, String where) {
    }

    /** The file's one JSON value, or null with the problem recorded (malformed: line and column). */
    private JsonNode readJson(Path file, List<Problem> problems) {
        String name = file.getFileName().toString();
        try {
            JsonNode root = json.readTree(readText(file));
            if (root == null || root.isMissingNode()) {
                problems.add(Problem.error(name, "-", "-", "fichier vide"));
                return null;
            }
            return root;
        } catch (JsonProcessingException e) {
            problems.add(Problem.error(name, at(e.getLocation()), "-", "JSON mal formé : " + e.getOriginalMessage()));
        } catch (IOException e) {
            problems.add(Problem.error(name, "-", "-", "lecture impossible : " + e.getMessage()));
        }
        return null;
    }

    private List<Located> readJsonArray(Path file, List<Problem> problems) {
        String name = file.getFileName().toString();
        JsonNode root = readJson(file, problems);
        if (root == null) {
            return List.of();
        }
        if (!root.isArray()) {
            problems.add(Problem.error(name, "-", "-", "le fichier doit contenir un tableau JSON [ … ] d'objets"));
            return List.of();
        }
        List<Located> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode item = root.get(i);
            if (item.isObject()) {
                out.add(new Located((ObjectNode) item, "entrée n°" + (i + 1)));
            } else {
                problems.add(Problem.error(name, "entrée n°" + (i + 1), "-", "doit être un objet { … }"));
            }
        }
        return out;
    }

    private static String at(JsonLocation location) {
        return location == null ? "-" : "ligne " + location.getLineNr() + ", colonne " + location.getColumnNr();
    }

    private List<Located> readCsv(Path file, List<Problem> problems) {
        String name = file.getFileName().toString();
        CsvMapper csv = new CsvMapper();
        csv.enable(CsvParser.Feature.TRIM_SPACES);
        csv.enable(CsvParser.Feature.SKIP_EMPTY_LINES); // a trailing blank line is not a row
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<Located> out = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             MappingIterator<Map<String, String>> it = csv.readerForMapOf(String.class).with(schema)
                .readValues(skipBom(reader))) {
            while (it.hasNextValue()) {
                // where the row starts: once read, the parser stands on the line after it
                long line = it.getCurrentLocation() == null ? -1 : it.getCurrentLocation().getLineNr();
                Map<String, String> row = it.nextValue();
                out.add(new Located(csvRowToObject(row), "ligne " + line));
            }
        } catch (JsonProcessingException e) {
            problems.add(Problem.error(name, at(e.getLocation()), "-", "CSV mal formé : " + e.getOriginalMessage()));
        } catch (IOException | RuntimeException e) {
            problems.add(Problem.error(name, "-", "-", "lecture impossible : " + e.getMessage()));
        }
        return out;
    }

    /**
     * The reader past a byte-order mark: spreadsheets write one at the start of a « CSV UTF-8 »
     * export, and it would otherwise become part of the first column's name.
     */
    private static BufferedReader skipBom(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != BOM) {
            reader.reset();
        }
        return reader;
    }

    /** A CSV row in the JSON shape: dotted columns nest, list cells split on {@code |}. */
    static ObjectNode csvRowToObject(Map<String, String> row) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, String> cell : row.entrySet()) {
            String column = cell.getKey().strip();
            String value = cell.getValue() == null ? "" : cell.getValue().strip();
            if (column.isEmpty() || value.isEmpty()) {
                continue;
            }
            ObjectNode parent = object;
            String[] path = column.split("\\.");
            for (int i = 0; i < path.length - 1; i++) {
                JsonNode child = parent.get(path[i]);
                parent = child instanceof ObjectNode o ? o : parent.putObject(path[i]);
            }
            String leaf = path[path.length - 1];
            if (column.equals("sessions")) {
                parent.set(leaf, csvSessions(value));
            } else if (column.equals("sources")) {
                parent.set(leaf, csvSources(value));
            } else if (LIST_FIELDS.contains(column)) {
                ArrayNode list = parent.putArray(leaf);
                Arrays.stream(value.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).forEach(list::add);
            } else {
                parent.put(leaf, value);
            }
        }
        return object;
    }

    /** Sessions in a CSV cell: {@code start;end;location} items separated by {@code |}. */
    private static ArrayNode csvSessions(String cell) {
        ArrayNode sessions = JsonNodeFactory.instance.arrayNode();
        for (String item : cell.split("\\|")) {
            String[] parts = item.split(";", -1);
            ObjectNode session = sessions.addObject();
            session.put("start", parts[0].strip());
            if (parts.length > 1) {
                session.put("end", parts[1].strip());
            }
            if (parts.length > 2) {
                session.put("location", parts[2].strip());
            }
        }
        return sessions;
    }

    /**
     * Sources in a CSV cell: {@code url;title;publisher;accessed;official;supports} items separated
     * by {@code |}, the figures of {@code supports} separated by {@code /}. Missing parts stay
     * missing, so validation names them.
     */
    private static ArrayNode csvSources(String cell) {
        ArrayNode sources = JsonNodeFactory.instance.arrayNode();
        String[] names = {"url", "title", "publisher", "accessed", "official"};
        for (String item : cell.split("\\|")) {
            String[] parts = item.split(";", -1);
            ObjectNode source = sources.addObject();
            for (int i = 0; i < names.length && i < parts.length; i++) {
                if (!parts[i].isBlank()) {
                    source.put(names[i], parts[i].strip());
                }
            }
            if (parts.length > names.length) {
                ArrayNode supports = source.putArray("supports");
                Arrays.stream(parts[names.length].split("/")).map(String::strip).filter(f -> !f.isEmpty())
                        .forEach(supports::add);
            }
        }
        return sources;
    }

    // ---- entries ------------------------------------------------------------------------

    private Entry readEntry(EntryKind kind, String file, Located row, boolean sample, List<Problem> problems) {
        JsonNode idNode = row.node().get("id");
        String label = idNode != null && idNode.isTextual() && !idNode.asText().isBlank()
                ? idNode.asText().strip() : row.where();
        int before = errorCount(problems);
        FieldReader r = new FieldReader(row.node(), file, label, problems);
        Set<String> known = new HashSet<>(ENTRY_FIELDS);
        if (kind == EntryKind.TRAINING) {
            known.addAll(TRAINING_FIELDS);
        }
        r.warnUnknown(known);

        String id = r.text("id", true);
        if (id != null && !ID.matcher(id).matches()) {
            r.error("id", "identifiant invalide « " + id + " » (minuscules, chiffres et tirets, ex. pret-honneur)");
        }
        String title = r.text("title", true);
        String summary = r.text("summary", true);
        if (summary != null && summary.length() > SUMMARY_MAX) {
            r.error("summary", "trop long (" + summary.length() + " caractères, " + SUMMARY_MAX + " au plus)");
        }
        List<Theme> themes = r.codes("themes", true, Theme::fromCode, THEME_CODES);
        List<Stage> stages = r.codes("audience.stages", false, Stage::fromCode, STAGE_CODES);
        List<String> sectors = r.texts("audience.sectors", false);
        List<String> conditions = r.texts("audience.conditions", false);
        List<String> territories = r.texts("territories", false);
        String provider = r.text("provider", true);
        BigDecimal min = r.decimal("amount_min", true, MAX_AMOUNT_EUR);
        BigDecimal max = r.decimal("amount_max", true, MAX_AMOUNT_EUR);
        if (min != null && max != null && min.compareTo(max) > 0) {
            r.error("amount_max", "inférieur à amount_min (" + max.toPlainString() + " < " + min.toPlainString() + ")");
        }
        String url = r.url("url");
        List<Theme> domain = r.codes("adviser_domain", false, Theme::fromCode, THEME_CODES);
        LocalDate validFrom = r.date("valid_from");
        LocalDate validUntil = r.date("valid_until");
        if (validFrom != null && validUntil != null && validFrom.isAfter(validUntil)) {
            r.error("valid_until", "antérieure à valid_from (" + validUntil + " < " + validFrom + ")");
        }
        LocalDate lastReviewed = r.date("last_reviewed");
        TrainingDetails training = kind == EntryKind.TRAINING ? readTraining(r) : TrainingDetails.NONE;
        List<Source> sources = readSources(r);
        LocalDate verifiedOn = r.date("verified_on");
        String verifiedBy = r.text("verified_by", false);
        if (verifiedOn != null && verifiedBy == null) {
            r.error("verified_by", "manquant : une vérification (verified_on) dit qui l'a faite");
        } else if (verifiedOn == null && verifiedBy != null && r.node("verified_on") == null) {
            r.error("verified_on", "manquant : une vérification (verified_by) dit quand elle a été faite");
        }
        String cost = r.text("cost", false);

        if (errorCount(problems) > before) {
            return null;
        }
        return new Entry(kind, id, title, summary, r.text("description", false), themes,
                new Audience(stages, sectors, conditions), territories, provider, r.text("benefit", false),
                min, max, r.text("how_to_apply", false), url, r.texts("keywords", false),
                domain.isEmpty() ? null : domain.get(0), validFrom, validUntil, lastReviewed, training, cost,
                new Provenance(sources, verifiedOn, verifiedBy, sample));
    }

    /** {@code sources}: a list of {url, title, publisher, accessed, official, supports}, each field checked. */
    private static List<Source> readSources(FieldReader r) {
        List<Source> sources = new ArrayList<>();
        JsonNode node = r.node("sources");
        if (node == null) {
            return sources;
        }
        if (!node.isArray()) {
            r.error("sources", "doit être une liste d'objets {url, title, publisher, accessed, official}");
            return sources;
        }
        int n = 0;
        for (JsonNode item : node) {
            n++;
            String field = "sources[" + n + "]";
            if (!item.isObject()) {
                r.error(field, "doit être un objet {url, title, publisher, accessed, official}");
                continue;
            }
            FieldReader s = r.nested((ObjectNode) item, field);
            s.warnUnknown(SOURCE_FIELDS);
            String url = s.url("url");
            if (url == null && s.node("url") == null) {
                s.error("url", "champ obligatoire manquant");
            }
            String title = s.text("title", true);
            String publisher = s.text("publisher", true);
            LocalDate accessed = s.date("accessed");
            if (accessed == null && s.node("accessed") == null) {
                s.error("accessed", "champ obligatoire manquant (date de consultation AAAA-MM-JJ)");
            }
            Boolean official = s.bool("official");
            if (official == null && s.node("official") == null) {
                s.error("official", "champ obligatoire manquant (true pour un site officiel, false sinon)");
            }
            List<String> supports = s.texts("supports", false);
            if (url != null && title != null && publisher != null && accessed != null && official != null) {
                sources.add(new Source(url, title, publisher, accessed, official, supports));
            }
        }
        return sources;
    }

    private TrainingDetails readTraining(FieldReader r) {
        BigDecimal duration = r.decimal("duration_hours", true, MAX_DURATION_HOURS);
        BigDecimal price = r.decimal("price_eur", true, MAX_PRICE_EUR);
        String format = r.text("format", false);
        if (format != null && !FORMATS.contains(format)) {
            r.error("format", "valeur inconnue « " + format + " » (presentiel, distanciel ou mixte)");
        }
        List<Session> sessions = new ArrayList<>();
        JsonNode node = r.node("sessions");
        if (node != null) {
            if (!node.isArray()) {
                r.error("sessions", "doit être une liste d'objets {start, end, location}");
            } else {
                int n = 0;
                for (JsonNode s : node) {
                    n++;
                    String field = "sessions[" + n + "]";
                    if (!s.isObject()) {
                        r.error(field, "doit être un objet {start, end, location}");
                        continue;
                    }
                    LocalDate start = s.hasNonNull("start") ? r.parseDate(field + ".start", s.get("start").asText()) : null;
                    if (!s.hasNonNull("start")) {
                        r.error(field + ".start", "champ obligatoire manquant");
                    }
                    LocalDate end = s.hasNonNull("end") && !s.get("end").asText().isBlank()
                            ? r.parseDate(field + ".end", s.get("end").asText()) : start;
                    if (start != null && end != null && end.isBefore(start)) {
                        r.error(field + ".end", "antérieure au début (" + end + " < " + start + ")");
                    }
                    String location = s.hasNonNull("location") ? s.get("location").asText().strip() : null;
                    sessions.add(new Session(start, end, location));
                }
            }
        }
        return new TrainingDetails(duration, price, format, sessions, r.bool("cpf_eligible"),
                r.text("certification", false), r.text("prerequisites", false));
    }

    private static int errorCount(List<Problem> problems) {
        return (int) problems.stream().filter(Problem::isError).count();
    }

    /** The file an entry kind was read from: the CSV when it is the only one, else the JSON. */
    private static String entryFile(Path dir, EntryKind kind) {
        String json = kind.fileStem() + ".json";
        String csv = kind.fileStem() + ".csv";
        return !Files.exists(dir.resolve(json)) && Files.exists(dir.resolve(csv)) ? csv : json;
    }

    private static void checkUniqueIds(List<Entry> schemes, List<Entry> trainings, Map<EntryKind, String> files,
                                       List<Problem> problems) {
        Map<String, String> seen = new HashMap<>();
        for (List<Entry> list : List.of(schemes, trainings)) {
            for (Entry e : list) {
                String file = files.get(e.kind());
                String previous = seen.putIfAbsent(e.id(), file);
                if (previous != null) {
                    problems.add(Problem.error(file, e.id(), "id", "identifiant en double (déjà utilisé dans "
                            + previous + ")"));
                }
            }
        }
    }

    // ---- the catalogue as a whole ----------------------------------------------------------

    private CatalogueInfo readInfo(Path dir, List<Problem> problems) {
        Path file = dir.resolve("catalogue.json");
        if (!Files.exists(file)) {
            return CatalogueInfo.NONE;
        }
        JsonNode root = readJson(file, problems);
        if (root == null) {
            return CatalogueInfo.NONE;
        }
        if (!root.isObject()) {
            problems.add(Problem.error("catalogue.json", "-", "-", "le fichier doit contenir un objet JSON { … }"));
            return CatalogueInfo.NONE;
        }
        FieldReader r = new FieldReader((ObjectNode) root, "catalogue.json", "-", problems);
        r.warnUnknown(INFO_FIELDS);
        String name = r.text("name", false);
        String home = r.text("home", false);
        if (home != null && Places.get().area(home).isEmpty()) {
            r.error("home", "territoire inconnu « " + home + " » (une commune, CABBALR, un département ou une région)");
        }
        String status = r.text("status", false);
        if (status != null && !STATUSES.contains(status)) {
            r.error("status", "« " + status + " » n'est pas un statut : sample ou production");
        }
        return new CatalogueInfo(name, home, "sample".equals(status));
    }

    // ---- advisers -----------------------------------------------------------------------

    private List<Adviser> readAdvisers(Path dir, List<Problem> problems) {
        Path file = dir.resolve("advisers.json");
        if (!Files.exists(file)) {
            problems.add(Problem.error("advisers.json", "-", "-", "fichier obligatoire manquant"));
            return List.of();
        }
        List<Adviser> advisers = new ArrayList<>();
        for (Located row : readJsonArray(file, problems)) {
            JsonNode idNode = row.node().get("id");
            String label = idNode != null && idNode.isTextual() && !idNode.asText().isBlank()
                    ? idNode.asText().strip() : row.where();
            int before = errorCount(problems);
            FieldReader r = new FieldReader(row.node(), "advisers.json", label, problems);
            r.warnUnknown(ADVISER_FIELDS);
            String id = r.text("id", true);
            String name = r.text("name", true);
            String role = r.text("role", true);
            List<Theme> domains = r.codes("domains", true, Theme::fromCode, THEME_CODES);
            List<String> territories = r.texts("territories", false);
            String discord = r.text("discord_user_id", false);
            if (discord != null && !DIGITS.matcher(discord).matches()) {
                r.error("discord_user_id", "doit être composé de chiffres (identifiant Discord), « " + discord + " »");
            }
            String email = r.text("email", false);
            String phone = r.text("phone", false);
            String backup = r.text("backup", false);
            if (errorCount(problems) == before) {
                advisers.add(new Adviser(id, name, role, domains, territories, discord, email, phone, backup));
            }
        }
        return advisers;
    }

    private static void checkAdvisers(List<Adviser> advisers, List<Problem> problems) {
        Map<String, Adviser> byId = new LinkedHashMap<>();
        for (Adviser a : advisers) {
            if (byId.putIfAbsent(a.id(), a) != null) {
                problems.add(Problem.error("advisers.json", a.id(), "id", "identifiant en double"));
            }
        }
        for (Adviser a : advisers) {
            if (a.backup() != null && !byId.containsKey(a.backup())) {
                problems.add(Problem.error("advisers.json", a.id(), "backup",
                        "conseiller de relais inconnu « " + a.backup() + " »"));
            } else if (a.id().equals(a.backup())) {
                problems.add(Problem.error("advisers.json", a.id(), "backup", "un conseiller ne peut pas être son propre relais"));
            }
        }
        if (advisers.isEmpty() && problems.stream().anyMatch(p -> p.file().equals("advisers.json"))) {
            return; // the file itself is broken; coverage would only repeat that
        }
        EnumSet<Theme> uncovered = EnumSet.allOf(Theme.class);
        advisers.forEach(a -> a.domains().forEach(uncovered::remove));
        for (Theme theme : uncovered) {
            problems.add(Problem.error("advisers.json", "-", "domains",
                    "aucun conseiller ne couvre le thème « " + theme.code() + " » : un dossier doit toujours trouver quelqu'un"));
        }
    }

    // ---- synonyms -----------------------------------------------------------------------

    private static String readSynonyms(Path dir, List<Problem> problems) {
        Path file = dir.resolve("synonyms.txt");
        if (!Files.exists(file)) {
            return "";
        }
        try {
            String text = readText(file);
            String[] lines = text.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String reason = checkSynonymLine(line);
                if (reason != null) {
                    problems.add(Problem.error("synonyms.txt", "ligne " + (i + 1), "-", reason));
                }
            }
            return text;
        } catch (IOException e) {
            problems.add(Problem.error("synonyms.txt", "-", "-", "lecture impossible : " + e.getMessage()));
            return "";
        }
    }

    /** Null when the line is a valid Solr synonym rule, else why not. */
    static String checkSynonymLine(String line) {
        String[] sides = line.split("=>", -1);
        if (sides.length > 2) {
            return "une règle ne peut contenir qu'une flèche =>";
        }
        for (String side : sides) {
            if (Arrays.stream(side.split(",")).map(String::strip).anyMatch(String::isEmpty)) {
                return "terme vide (virgule ou flèche en trop ?)";
            }
        }
        if (sides.length == 1 && side(sides[0]) < 2) {
            return "une liste d'équivalents doit contenir au moins deux termes séparés par des virgules";
        }
        return null;
    }

    private static int side(String text) {
        return text.split(",").length;
    }
}
