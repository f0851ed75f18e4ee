package fr.guichet.bot.handoff;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;

/** Reads the situation a message shows. One method, so that models can be compared and swapped. */
public interface SituationModel {

    Scores classify(String message);

    /** How likely each situation is; the values sum to 1. */
    record Scores(Map<Situation, Double> bySituation) {
        public Scores {
            EnumMap<Situation, Double> copy = new EnumMap<>(Situation.class);
            for (Situation s : Situation.values()) {
                copy.put(s, bySituation.getOrDefault(s, 0.0));
            }
            bySituation = java.util.Collections.unmodifiableMap(copy);
        }

        public double of(Situation s) {
            return bySituation.get(s);
        }

        public Situation best() {
            return bySituation.entrySet().stream().max(Comparator.comparingDouble(Map.Entry::getValue)).orElseThrow().getKey();
        }

        /** The probability that some adviser situation is shown. */
        public double adviserNeeded() {
            return bySituation.entrySet().stream().filter(e -> e.getKey().needsAdviser()).mapToDouble(Map.Entry::getValue).sum();
        }

        /** The most likely situation among those that need an adviser. */
        public Situation bestAdviserSituation() {
            return bySituation.entrySet().stream().filter(e -> e.getKey().needsAdviser())
                    .max(Comparator.comparingDouble(Map.Entry::getValue)).orElseThrow().getKey();
        }
    }
}
