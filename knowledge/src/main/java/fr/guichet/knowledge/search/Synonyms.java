package fr.guichet.knowledge.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymMap;

/** Query-time synonyms: the built-in list of everyday words plus a catalogue's own synonyms.txt. */
public final class Synonyms {
    private static final String BUILT_IN = "/guichet/synonyms-builtin.txt";

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

    private static void parse(SolrSynonymParser parser, String rules, String source) throws IOException {
        try {
            parser.parse(new StringReader(rules));
        } catch (ParseException | IllegalArgumentException e) {
            String cause = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new IllegalArgumentException(source + ": " + failingLine(rules) + ": -: règle de synonymes inutilisable ("
                    + cause + ")", e);
        }
    }

    /** The first line Lucene refuses on its own, to name it ("ligne 12"); Lucene's own offset is not a line. */
    private static String failingLine(String rules) {
        String[] lines = rules.split("\r?\n", -1);
        try (Analyzer analyzer = FrenchAnalysis.synonymRules()) {
            for (int i = 0; i < lines.length; i++) {
                try {
                    new SolrSynonymParser(true, true, analyzer).parse(new StringReader(lines[i]));
                } catch (ParseException | IllegalArgumentException | IOException e) {
                    return "ligne " + (i + 1);
                }
            }
        }
        return "-";
    }
}
