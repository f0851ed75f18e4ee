package fr.guichet.bot.report;

import fr.guichet.knowledge.catalogue.Theme;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the report counts of the question log over a period, without the rows: counts by
 * hour and outcome (an hour is the finest the report needs: Paris is a whole number of hours
 * from UTC, so each hour falls on one Paris day), by the themes shown (with their votes), by
 * kind, by channel, by the entries shown, and the distribution of reply times. A SQL
 * database computes it in one pass per dimension, far faster than reading the rows back.
 * Add to it with the {@code add…} methods, then read it.
 */
public final class QuestionStats {
    private final Map<Instant, int[]> byHour = new TreeMap<>();
    private final Map<List<Theme>, int[]> byThemes = new HashMap<>();
    private final int[] byKind = new int[AskedKind.values().length];
    private final int[] byChannel = new int[Channel.values().length];
    private final Map<List<String>, Integer> byEntries = new HashMap<>();
    private final TreeMap<Long, Integer> latencies = new TreeMap<>();
    private int llm;

    /** The counts of a list of rows: what a log without a faster way gives. */
    public static QuestionStats of(List<LoggedQuestion> rows) {
        QuestionStats stats = new QuestionStats();
        for (LoggedQuestion row : rows) {
            AnsweredQuestion q = row.question();
            stats.addOutcome(q.at().truncatedTo(ChronoUnit.HOURS), q.outcome(), 1);
            stats.addThemes(q.themes(), 1, Boolean.TRUE.equals(row.helpful()) ? 1 : 0,
                    Boolean.FALSE.equals(row.helpful()) ? 1 : 0);
            stats.addKind(q.kind(), 1);
            stats.addChannel(q.channel(), 1);
            stats.addEntries(q.entryIds(), 1);
            stats.addLatency(q.latency().toMillis(), 1);
            stats.addLlm(q.llmComposed() ? 1 : 0);
        }
        return stats;
    }

    public void addOutcome(Instant hour, Outcome outcome, int count) {
        byHour.computeIfAbsent(hour, h -> new int[Outcome.values().length])[outcome.ordinal()] += count;
    }

    /** {@code count} questions showing entries of these themes, of which so many got a 👍 and so many a 👎. */
    public void addThemes(List<Theme> themes, int count, int helpful, int unhelpful) {
        int[] n = byThemes.computeIfAbsent(List.copyOf(themes), t -> new int[3]);
        n[0] += count;
        n[1] += helpful;
        n[2] += unhelpful;
    }

    public void addKind(AskedKind kind, int count) {
        byKind[kind.ordinal()] += count;
    }

    public void addChannel(Channel channel, int count) {
        byChannel[channel.ordinal()] += count;
    }

    public void addEntries(List<String> entryIds, int count) {
        byEntries.merge(List.copyOf(entryIds), count, Integer::sum);
    }

    public void addLatency(long millis, int count) {
        latencies.merge(millis, count, Integer::sum);
    }

    public void addLlm(int count) {
        llm += count;
    }

    /** Questions per hour (UTC, whole hours) and outcome (counts by {@link Outcome#ordinal()}). */
    public Map<Instant, int[]> byHour() {
        return byHour;
    }

    /** Per list of themes shown: questions, 👍, 👎. */
    public Map<List<Theme>, int[]> byThemes() {
        return byThemes;
    }

    public int kind(AskedKind kind) {
        return byKind[kind.ordinal()];
    }

    public int channel(Channel channel) {
        return byChannel[channel.ordinal()];
    }

    /** Questions per list of entries shown. */
    public Map<List<String>, Integer> byEntries() {
        return byEntries;
    }

    public int llmComposed() {
        return llm;
    }

    public int questions() {
        int n = 0;
        for (int[] counts : byHour.values()) {
            for (int c : counts) {
                n += c;
            }
        }
        return n;
    }

    public int outcome(Outcome outcome) {
        int n = 0;
        for (int[] counts : byHour.values()) {
            n += counts[outcome.ordinal()];
        }
        return n;
    }

    /** Nearest-rank percentile of the reply times (as the report's other percentiles); empty without questions. */
    public Optional<Duration> latency(double p) {
        long total = 0;
        for (int c : latencies.values()) {
            total += c;
        }
        if (total == 0) {
            return Optional.empty();
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100 * total));
        long seen = 0;
        for (Map.Entry<Long, Integer> e : latencies.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return Optional.of(Duration.ofMillis(e.getKey()));
            }
        }
        return Optional.of(Duration.ofMillis(latencies.lastKey()));
    }
}
