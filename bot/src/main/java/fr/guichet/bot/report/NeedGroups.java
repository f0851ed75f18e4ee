package fr.guichet.bot.report;

import fr.guichet.bot.feedback.UnansweredQuestion;
import fr.guichet.knowledge.text.FrenchAnalysis;
import fr.guichet.knowledge.text.FrenchText;
import fr.guichet.knowledge.text.Places;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Groups the questions the catalogue had nothing for by need, so that « aide pour ouvrir un
 * salon de tatouage à Béthune » and « subvention salon tatouage ? » count as one need.
 *
 * <p>A question is the set of its stems under the project's French analysis (stop words
 * and chat words removed, plurals and genders merged), without the words naming a place:
 * the same need in Béthune and in Bruay is one need. Two questions are alike when their
 * stems overlap by at least {@value #THRESHOLD} of their union, each stem weighted by its
 * rarity among the questions (idf): « aide » or « créer », asked everywhere, tell little,
 * « tatouage » tells the need. Grouping is by leader: a question joins the most similar
 * group whose first question it resembles enough, else starts a group. An inverted index
 * of the leaders' stems finds the candidates, so ten thousand questions take well under a
 * second.
 */
public final class NeedGroups {

    /** Weighted Jaccard similarity from which two questions are the same need. */
    static final double THRESHOLD = 0.45;
    static final int EXAMPLES = 3;
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
    private static final Pattern PHONE = Pattern.compile("(?<!\\w)(\\+?\\d[\\d .-]{7,}\\d)(?!\\w)");

    /** One need: how many questions expressed it, a few of them, its most frequent words. */
    public record Group(int count, List<String> examples, List<String> words) {
        public Group {
            examples = List.copyOf(examples);
            words = List.copyOf(words);
        }
    }

    private NeedGroups() {
    }

    /** Groups, largest first (then the most recently asked first). */
    public static List<Group> group(List<UnansweredQuestion> questions) {
        List<UnansweredQuestion> sorted = new ArrayList<>(questions);
        sorted.sort(Comparator.comparing(UnansweredQuestion::at).reversed()); // the newest phrasing leads
        List<Set<String>> stems = new ArrayList<>(sorted.size());
        Map<String, Integer> df = new HashMap<>();
        try (Analyzer analyzer = FrenchAnalysis.index()) {
            for (UnansweredQuestion q : sorted) {
                Set<String> s = stems(analyzer, q.question());
                stems.add(s);
                s.forEach(t -> df.merge(t, 1, Integer::sum));
            }
        }
        int n = sorted.size();
        Map<String, Double> idf = new HashMap<>();
        df.forEach((t, f) -> idf.put(t, Math.log(1 + n / (double) f)));

        List<Building> groups = new ArrayList<>();
        Map<String, List<Building>> byStem = new HashMap<>();
        Building noWords = null;
        for (int i = 0; i < n; i++) {
            Set<String> s = stems.get(i);
            UnansweredQuestion q = sorted.get(i);
            if (s.isEmpty()) {
                if (noWords == null) {
                    noWords = new Building(Set.of());
                    groups.add(noWords);
                }
                noWords.add(q);
                continue;
            }
            Building best = null;
            double bestSimilarity = THRESHOLD;
            Set<Building> seen = new java.util.HashSet<>();
            for (String t : s) {
                for (Building g : byStem.getOrDefault(t, List.of())) {
                    if (seen.add(g)) {
                        double sim = similarity(s, g.leader, idf);
                        if (sim >= bestSimilarity) {
                            best = g;
                            bestSimilarity = sim;
                        }
                    }
                }
            }
            if (best == null) {
                best = new Building(s);
                groups.add(best);
                for (String t : s) {
                    byStem.computeIfAbsent(t, k -> new ArrayList<>()).add(best);
                }
            }
            best.add(q);
        }
        // stable: groups were created newest first, so equal counts keep the most recent need first
        return groups.stream().sorted(Comparator.comparingInt((Building g) -> g.questions.size()).reversed())
                .map(Building::done).toList();
    }

    static double similarity(Set<String> a, Set<String> b, Map<String, Double> idf) {
        double shared = 0;
        double union = 0;
        for (String t : a) {
            double w = idf.getOrDefault(t, 1.0);
            union += w;
            if (b.contains(t)) {
                shared += w;
            }
        }
        for (String t : b) {
            if (!a.contains(t)) {
                union += idf.getOrDefault(t, 1.0);
            }
        }
        return union == 0 ? 0 : shared / union;
    }

    /** The question's stems, without the words that named a place and without bare numbers. */
    static Set<String> stems(Analyzer analyzer, String question) {
        String text = FrenchText.normalize(question);
        Set<String> placeWords = Places.get().mentionIn(question).map(Places.Mention::words).orElse(Set.of());
        if (!placeWords.isEmpty()) {
            List<String> kept = new ArrayList<>();
            for (String w : text.split(" ")) {
                if (!placeWords.contains(w)) {
                    kept.add(w);
                }
            }
            text = String.join(" ", kept);
        }
        Set<String> out = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream("q", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String t = term.toString();
                if (t.length() > 1 && !t.chars().allMatch(Character::isDigit)) {
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
        final Set<String> leader;
        final List<UnansweredQuestion> questions = new ArrayList<>();

        Building(Set<String> leader) {
            this.leader = leader;
        }

        void add(UnansweredQuestion q) {
            questions.add(q);
        }

        Group done() {
            List<String> examples = new ArrayList<>();
            Set<String> seen = new java.util.HashSet<>();
            for (UnansweredQuestion q : questions) {
                if (examples.size() < EXAMPLES && seen.add(FrenchText.normalize(q.question()))) {
                    examples.add(masked(q.question()));
                }
            }
            Map<String, Integer> words = new HashMap<>();
            for (UnansweredQuestion q : questions) {
                new LinkedHashSet<>(FrenchText.words(q.question())).stream()
                        .filter(w -> w.length() > 2 && !FrenchAnalysis.isStopWord(w) && !w.chars().allMatch(Character::isDigit))
                        .forEach(w -> words.merge(w, 1, Integer::sum));
            }
            List<String> top = words.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(4).map(Map.Entry::getKey).toList();
            return new Group(questions.size(), examples, top);
        }
    }
}
