package fr.guichet.bot.report;

import fr.guichet.bot.feedback.UnansweredQuestion;
import fr.guichet.knowledge.catalogue.Catalogue;
import fr.guichet.knowledge.catalogue.Entry;
import fr.guichet.knowledge.search.KindWords;
import fr.guichet.knowledge.text.FrenchAnalysis;
import fr.guichet.knowledge.text.FrenchText;
import fr.guichet.knowledge.text.Places;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Groups the questions the catalogue had nothing for by need, so that « Aide pour ouvrir un
 * salon de tatouage à Béthune ? », « subvention salon de tatouage » and « ouvrir mon salon de
 * tatoauge » count as one need: the list of what the catalogue lacks.
 *
 * <p>A question is reduced to the words of its need: the project's French analysis drops
 * stop words and chat words and merges plurals and genders (stems); the words asking for a
 * kind of help ({@link KindWords}: « aide », « subvention », « formation »…), the words of
 * any request (« ouvrir », « créer », « lancer »…) and the words naming a place go too, since
 * the same need in Béthune and in Bruay is one need. A rare spelling one letter away from a
 * more frequent one (« tatoauge », « tatouage ») is read as the frequent one.
 *
 * <p>Two questions express the same need when the words they share weigh at least two thirds
 * of the shorter one (a weighted overlap coefficient): people shorten (« vélo cargo » and
 * « aide achat vélo cargo pour mes livraisons ») more than they reword. A word weighs by its
 * rarity in the catalogue (inverse document frequency over its entries): « drone » or
 * « tatouage », absent from it, are the need; « professionnel » or « commerce », everywhere
 * in it, only its setting. So « formation drone professionnel » joins « formation pilote de
 * drone », while « salon de coiffure » and « salon de tatouage » stay two needs. Grouping is
 * by leader, newest question first: a question joins the group whose first question it
 * resembles most, if enough, else starts one; an index of the leaders' words finds the
 * candidates, so ten thousand questions take a fraction of a second.
 */
public final class NeedGroups {

    /** Share of the shorter question's words found in the other from which two questions are one need. */
    static final double THRESHOLD = 0.66;
    static final int EXAMPLES = 3;
    /** Key of the weight of a stem the catalogue never uses (not a possible stem: it has a space). */
    private static final String UNSEEN = " unseen";
    /** Spellings shorter than this are not corrected: too many real words lie one letter apart. */
    private static final int MIN_CORRECTED = 5;
    /** Words of a request, not of a need (normalised, before stemming). */
    private static final Set<String> REQUEST_WORDS = Set.of("ouvrir", "ouverture", "ouvre", "creer", "cree", "creation",
            "lancer", "lance", "lancement", "monter", "demarrer", "demarrage", "installer", "installation", "devenir",
            "cherche", "chercher", "recherche", "besoin", "besoins", "projet", "projets", "entreprise", "boite", "societe",
            "activite", "dispositif", "dispositifs", "accompagnement", "accompagner", "conseil", "conseils", "info", "infos",
            "information", "informations", "renseignement", "renseignements", "possible", "existe", "quelles", "quels",
            "comment", "faire", "veux", "voudrais", "souhaite", "aimerais", "envie", "idee", "mettre", "place");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
    private static final Pattern PHONE = Pattern.compile("(?<!\\w)(\\+?\\d[\\d .-]{7,}\\d)(?!\\w)");

    /** One need: the questions that expressed it (newest first), a few of them as shown, its most frequent words. */
    public record Group(List<UnansweredQuestion> questions, List<String> examples, List<String> words) {
        public Group {
            questions = List.copyOf(questions);
            examples = List.copyOf(examples);
            words = List.copyOf(words);
        }

        public int count() {
            return questions.size();
        }
    }

    private NeedGroups() {
    }

    /**
     * Groups, largest first (then the most recently asked first).
     *
     * @param catalogue weighs the words (see above); null weighs them all alike
     */
    public static List<Group> group(List<UnansweredQuestion> questions, Catalogue catalogue) {
        List<UnansweredQuestion> sorted = new ArrayList<>(questions);
        sorted.sort(Comparator.comparing(UnansweredQuestion::at).reversed()); // the newest phrasing leads
        List<List<String>> needWords = new ArrayList<>(sorted.size());
        Map<String, List<String>> byText = new HashMap<>(); // the same words typed again are analysed once
        Map<String, Integer> frequency = new HashMap<>();
        for (UnansweredQuestion q : sorted) {
            List<String> words = byText.computeIfAbsent(q.question(), NeedGroups::needWords);
            needWords.add(words);
            words.forEach(w -> frequency.merge(w, 1, Integer::sum));
        }
        Map<String, String> spelling = spellings(frequency);

        // Stems become small integers, each question a sorted array of them: the comparisons
        // below (thousands of questions against thousands of leaders) then merge arrays of
        // ints instead of probing hash sets of strings, ten times faster.
        List<Building> groups = new ArrayList<>();
        List<List<Building>> byStem = new ArrayList<>();
        Map<String, Integer> stemIds = new HashMap<>();
        List<Double> stemWeights = new ArrayList<>();
        Building noWords = null;
        try (Analyzer analyzer = FrenchAnalysis.index()) {
            Map<String, Double> weights = weights(analyzer, catalogue);
            double unseen = weights.getOrDefault(UNSEEN, 1.0);
            Map<List<String>, int[]> stemsOf = new HashMap<>();
            int[] visited = new int[16];
            for (int i = 0; i < sorted.size(); i++) {
                UnansweredQuestion q = sorted.get(i);
                int[] s = stemsOf.computeIfAbsent(needWords.get(i), words -> {
                    Set<String> stems = stems(analyzer, words.stream().map(w -> spelling.getOrDefault(w, w)).toList());
                    return stems.stream().mapToInt(t -> stemIds.computeIfAbsent(t, k -> {
                        stemWeights.add(weights.getOrDefault(k, unseen));
                        byStem.add(new ArrayList<>());
                        return stemIds.size();
                    })).sorted().toArray();
                });
                if (s.length == 0) {
                    if (noWords == null) {
                        noWords = new Building(s, 0, -1);
                        groups.add(noWords);
                    }
                    noWords.add(q, needWords.get(i));
                    continue;
                }
                double weight = 0;
                for (int t : s) {
                    weight += stemWeights.get(t);
                }
                Building best = null;
                double bestSimilarity = THRESHOLD;
                for (int t : s) {
                    for (Building g : byStem.get(t)) {
                        if (visited[g.index] != i + 1) { // each candidate once per question
                            visited[g.index] = i + 1;
                            double sim = similarity(s, weight, g.leader, g.weight, stemWeights);
                            if (sim >= bestSimilarity && (best == null || sim > bestSimilarity)) {
                                best = g;
                                bestSimilarity = sim;
                            }
                        }
                    }
                }
                if (best == null) {
                    best = new Building(s, weight, groups.size());
                    groups.add(best);
                    if (visited.length <= best.index) {
                        visited = java.util.Arrays.copyOf(visited, visited.length * 2);
                    }
                    for (int t : s) {
                        byStem.get(t).add(best);
                    }
                }
                best.add(q, needWords.get(i));
            }
        }
        // a stable sort: groups were created newest first, so equal counts keep the most recent need first
        return groups.stream().sorted(Comparator.comparingInt((Building g) -> g.questions.size()).reversed())
                .map(Building::done).toList();
    }

    /**
     * Weighted overlap coefficient of two sorted arrays of stem numbers: the weight of the
     * stems they share over the weight of the lighter one (both weights given).
     */
    private static double similarity(int[] a, double wa, int[] b, double wb, List<Double> weights) {
        double shared = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length; ) {
            if (a[i] == b[j]) {
                shared += weights.get(a[i]);
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        double lighter = Math.min(wa, wb);
        return lighter == 0 ? 0 : shared / lighter;
    }

    /** Each stem's weight: ln(1 + entries / (1 + entries using it)); under {@link #UNSEEN}, that of an unused stem. */
    static Map<String, Double> weights(Analyzer analyzer, Catalogue catalogue) {
        Map<String, Double> weights = new HashMap<>();
        if (catalogue == null || catalogue.entries().isEmpty()) {
            return weights;
        }
        Map<String, Integer> df = new HashMap<>();
        for (Entry e : catalogue.entries()) {
            String text = String.join(" ", e.title(), e.summary(), e.description() == null ? "" : e.description(),
                    String.join(" ", e.keywords()));
            stems(analyzer, List.of(FrenchText.normalize(text))).forEach(t -> df.merge(t, 1, Integer::sum));
        }
        int n = catalogue.entries().size();
        df.forEach((t, f) -> weights.put(t, Math.log(1 + n / (1.0 + f))));
        weights.put(UNSEEN, Math.log(1 + n));
        return weights;
    }

    /** The normalised words of a question that may tell its need: no place, no kind of help, no request word. */
    static List<String> needWords(String question) {
        Set<String> placeWords = Places.get().mentionIn(question).map(Places.Mention::words).orElse(Set.of());
        List<String> words = new ArrayList<>();
        for (String w : KindWords.without(question).split(" ")) {
            if (w.length() > 1 && !placeWords.contains(w) && !REQUEST_WORDS.contains(w) && !FrenchAnalysis.isStopWord(w)
                    && !w.chars().allMatch(Character::isDigit)) {
                words.add(w);
            }
        }
        return words;
    }

    /**
     * Rare spellings read as a more frequent word one edit away (a letter changed, added,
     * removed, or two swapped), the first letter kept: typos of a need others spelt right.
     */
    static Map<String, String> spellings(Map<String, Integer> frequency) {
        Map<String, List<String>> byStart = new HashMap<>();
        frequency.keySet().stream().filter(w -> w.length() >= MIN_CORRECTED)
                .forEach(w -> byStart.computeIfAbsent(w.charAt(0) + ":" + w.length(), k -> new ArrayList<>()).add(w));
        Map<String, String> fixed = new HashMap<>();
        for (String w : frequency.keySet()) {
            if (w.length() < MIN_CORRECTED) {
                continue;
            }
            String best = null;
            for (int length = w.length() - 1; length <= w.length() + 1; length++) {
                for (String v : byStart.getOrDefault(w.charAt(0) + ":" + length, List.of())) {
                    if (!v.equals(w) && oneEditApart(w, v) && beats(v, w, frequency)
                            && (best == null || beats(v, best, frequency))) {
                        best = v;
                    }
                }
            }
            if (best != null) {
                fixed.put(w, best);
            }
        }
        return fixed;
    }

    /** More frequent, or as frequent and first in alphabetical order: two equal spellings settle on one. */
    private static boolean beats(String a, String b, Map<String, Integer> frequency) {
        int fa = frequency.get(a);
        int fb = frequency.get(b);
        return fa > fb || (fa == fb && a.compareTo(b) < 0);
    }

    /** True when one substitution, insertion, deletion or swap of two neighbours turns a into b. */
    static boolean oneEditApart(String a, String b) {
        if (a.length() > b.length()) {
            return oneEditApart(b, a);
        }
        int i = 0;
        while (i < a.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (i == a.length()) {
            return b.length() - a.length() == 1;
        }
        if (a.length() == b.length()) {
            return a.substring(i + 1).equals(b.substring(i + 1))
                    || (i + 1 < a.length() && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.substring(i + 2).equals(b.substring(i + 2)));
        }
        return b.length() - a.length() == 1 && a.substring(i).equals(b.substring(i + 1));
    }

    /** Stems of need words, bare numbers and single letters left out. */
    static Set<String> stems(Analyzer analyzer, List<String> words) {
        Set<String> out = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream("q", String.join(" ", words))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String t = term.toString();
                if (t.length() > 1) {
                    out.add(t);
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        return out;
    }

    /** An example as the report shows it: e-mail addresses and phone numbers masked. */
    static String masked(String question) {
        String q = EMAIL.matcher(question.strip()).replaceAll("[courriel masqué]");
        q = PHONE.matcher(q).replaceAll("[numéro masqué]");
        return q.length() > 200 ? q.substring(0, 199) + "…" : q;
    }

    private static final class Building {
        final int[] leader;
        final double weight;
        final int index;
        final List<UnansweredQuestion> questions = new ArrayList<>();
        final Map<String, Integer> words = new HashMap<>();

        Building(int[] leader, double weight, int index) {
            this.leader = leader;
            this.weight = weight;
            this.index = index;
        }

        void add(UnansweredQuestion q, List<String> needWords) {
            questions.add(q);
            new LinkedHashSet<>(needWords).forEach(w -> words.merge(w, 1, Integer::sum));
        }

        Group done() {
            List<String> examples = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (UnansweredQuestion q : questions) {
                if (examples.size() < EXAMPLES && seen.add(FrenchText.normalize(q.question()))) {
                    examples.add(masked(q.question()));
                }
                if (examples.size() == EXAMPLES) {
                    break;
                }
            }
            List<String> top = words.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(4).map(Map.Entry::getKey).toList();
            return new Group(questions, examples, top);
        }
    }
}
