package fr.guichet.bot.handoff;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Multinomial logistic regression over sparse named features, trained by stochastic gradient
 * descent with AdaGrad steps: the model Tribuo's {@code LinearSGDTrainer} with
 * {@code LogMulticlass} builds, written sparse. A step touches only the features of one
 * message, so training on the corpus takes a fraction of a second where Tribuo's steps took
 * seconds (docs/benchmarks.md; a test checks that both reach the same accuracy).
 * Deterministic: a fixed seed orders the examples.
 */
final class SoftmaxRegression {
    private static final double EPSILON = 0.1;

    private final int classes;
    /** Feature name → its row in {@link #weights}; row 0 is the bias. */
    private final Map<String, Integer> index;
    /** Row-major: feature row × class. */
    private final double[] weights;

    private SoftmaxRegression(int classes, Map<String, Integer> index, double[] weights) {
        this.classes = classes;
        this.index = index;
        this.weights = weights;
    }

    /** One training example: its features and its class (0 … classes-1). */
    record Example(Map<String, Double> features, int label) {
    }

    /**
     * Trains on the examples, leaving out the features found in fewer than {@code minExamples}
     * of them: a feature seen once teaches that one example only.
     */
    static SoftmaxRegression train(List<Example> examples, int classes, int minExamples, int epochs, double learningRate,
                                   long seed) {
        Map<String, Integer> seen = new HashMap<>();
        examples.forEach(e -> e.features().keySet().forEach(name -> seen.merge(name, 1, Integer::sum)));
        Map<String, Integer> index = new HashMap<>();
        index.put("", 0);
        int[][] rows = new int[examples.size()][];
        double[][] values = new double[examples.size()][];
        for (int e = 0; e < examples.size(); e++) {
            Map<String, Double> f = examples.get(e).features();
            int kept = (int) f.keySet().stream().filter(name -> seen.get(name) >= minExamples).count();
            rows[e] = new int[kept + 1];
            values[e] = new double[kept + 1];
            values[e][0] = 1; // the bias
            int k = 1;
            for (Map.Entry<String, Double> feature : f.entrySet()) {
                if (seen.get(feature.getKey()) >= minExamples) {
                    rows[e][k] = index.computeIfAbsent(feature.getKey(), name -> index.size());
                    values[e][k++] = feature.getValue();
                }
            }
        }
        double[] w = new double[index.size() * classes];
        double[] squares = new double[w.length];
        int[] order = new int[examples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        double[] p = new double[classes];
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = order.length - 1; i > 0; i--) { // Fisher-Yates, seeded
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int e : order) {
                probabilities(w, rows[e], values[e], classes, p);
                int label = examples.get(e).label();
                for (int c = 0; c < classes; c++) {
                    double g = p[c] - (c == label ? 1 : 0);
                    for (int k = 0; k < rows[e].length; k++) {
                        int at = rows[e][k] * classes + c;
                        double gradient = g * values[e][k];
                        squares[at] += gradient * gradient;
                        w[at] -= learningRate * gradient / (Math.sqrt(squares[at]) + EPSILON);
                    }
                }
            }
        }
        return new SoftmaxRegression(classes, Map.copyOf(index), w);
    }

    /** The probability of each class for these features; features never seen in training are ignored. */
    double[] probabilities(Map<String, Double> features) {
        int[] rows = new int[features.size() + 1];
        double[] values = new double[features.size() + 1];
        values[0] = 1;
        int k = 1;
        for (Map.Entry<String, Double> f : features.entrySet()) {
            Integer row = index.get(f.getKey());
            if (row != null) {
                rows[k] = row;
                values[k++] = f.getValue();
            }
        }
        double[] p = new double[classes];
        probabilities(weights, java.util.Arrays.copyOf(rows, k), java.util.Arrays.copyOf(values, k), classes, p);
        return p;
    }

    private static void probabilities(double[] w, int[] rows, double[] values, int classes, double[] out) {
        java.util.Arrays.fill(out, 0);
        for (int k = 0; k < rows.length; k++) {
            int base = rows[k] * classes;
            for (int c = 0; c < classes; c++) {
                out[c] += w[base + c] * values[k];
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : out) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            out[c] = Math.exp(out[c] - max);
            sum += out[c];
        }
        for (int c = 0; c < classes; c++) {
            out[c] /= sum;
        }
    }
}
