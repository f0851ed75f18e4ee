package fr.guichet.bot.ops;

import fr.guichet.bot.report.AnsweredQuestion;
import fr.guichet.bot.report.LoggedQuestion;
import fr.guichet.bot.report.QuestionLog;
import fr.guichet.bot.report.QuestionStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The question log, counted: every question the assistant answers passes here (the core
 * records each one for the CCI report), so the same event gives the report's row and the
 * metrics, with the same outcome. Counted before it is stored: a question answered while the
 * database fails is still a question answered.
 */
final class MeteredQuestionLog implements QuestionLog {
    /** Reply time buckets: a search takes milliseconds, an LLM answer seconds, its timeout 20 s. */
    static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30)};

    private final QuestionLog delegate;
    private final MeterRegistry registry;

    MeteredQuestionLog(QuestionLog delegate, MeterRegistry registry) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public long record(AnsweredQuestion row) {
        String channel = row.channel().code();
        Counter.builder("guichet.questions").description("Questions answered, by outcome and channel")
                .tag("outcome", row.outcome().code()).tag("channel", channel).register(registry).increment();
        if (row.handoffReason() != null) {
            Counter.builder("guichet.handoffs").description("Questions whose reply proposed an adviser, by reason")
                    .tag("reason", row.handoffReason().name().toLowerCase(Locale.ROOT)).register(registry).increment();
        }
        Timer.builder("guichet.reply.latency").description("From a question's arrival to its reply being ready")
                .tag("channel", channel).serviceLevelObjectives(LATENCY_BUCKETS).register(registry).record(row.latency());
        return delegate.record(row);
    }

    @Override
    public void rate(long rowId, boolean helpful) {
        Counter.builder("guichet.feedback").description("Votes on answers").tag("helpful", helpful ? "yes" : "no")
                .register(registry).increment();
        delegate.rate(rowId, helpful);
    }

    @Override
    public List<LoggedQuestion> between(Instant from, Instant to) {
        return delegate.between(from, to);
    }

    @Override
    public QuestionStats stats(Instant from, Instant to) {
        return delegate.stats(from, to);
    }
}
