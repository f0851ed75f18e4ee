package fr.guichet.knowledge.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymMap;

/** Query-time synonyms: the built-in list of everyday words plus a catalogue's own synonyms.txt. */
public final class Synonyms {
    private static final String BUILT_IN = "/guichet/synonyms-builtin.txt";
    private static final Pattern LINE = Pattern.compile("at line (\\d+)");

    private Synonyms() {
    }

    public static String builtIn() {
        try (InputStream in = Synonyms.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("resource missing: " + BUILT_IN);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Builds the synonym map from the built-in rules and the catalogue's.
     *
     * @throws IllegalArgumentException naming {@code synonyms.txt} and the line when a catalogue rule is unusable
     */
    public static SynonymMap build(String catalogueRules) {
        try (Analyzer analyzer = FrenchAnalysis.synonymRules()) {
            SolrSynonymParser parser = new SolrSynonymParser(true, true, analyzer);
            parse(parser, builtIn(), "synonymes intégrés");
            if (catalogueRules != null && !catalogueRules.isBlank()) {
                parse(parser, catalogueRules, "synonyms.txt");
            }
            return parser.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lucene's parser names the line in its message ("Invalid synonym rule at line 3"); its error offset is 0. */
    private static int lineOf(ParseException e) {
        if (e.getErrorOffset() > 0) {
            return e.getErrorOffset();
        }
        Matcher m = LINE.matcher(String.valueOf(e.getMessage()));
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static void parse(SolrSynonymParser parser, String rules, String source) throws IOException {
        String[] lines = rules.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String rule = lines[i].replaceFirst("#.*", "").strip();
            for (String term : rule.isEmpty() ? new String[0] : rule.split("=>|,")) {
                if (FrenchText.words(term).stream().allMatch(FrenchAnalysis::isStopWord)) {
                    throw new IllegalArgumentException(source + ": ligne " + (i + 1) + ": -: règle de synonymes inutilisable (« "
                            + term.strip() + " » n'a aucun mot utile)");
                }
            }
        }
        try {
            parser.parse(new StringReader(rules));
        } catch (ParseException | IllegalArgumentException e) {
            int line = e instanceof ParseException p ? lineOf(p) : -1;
            String cause = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new IllegalArgumentException(source + ": " + (line > 0 ? "ligne " + line : "-")
                    + ": -: règle de synonymes inutilisable (" + cause + ")", e);
        }
    }
}
