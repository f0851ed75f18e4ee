package fr.guichet.bot.ops;

import fr.guichet.bot.assistant.Answerer;
import fr.guichet.bot.handoff.AdviserNotifier;
import fr.guichet.bot.report.QuestionLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Guichet's measures, served as Prometheus text on {@code /metrics}. Every label is a code
 * from a closed list (an outcome, a channel, a handoff reason, an HTTP status…): never a user
 * id, a conversation, a case number or anything typed, so nothing personal reaches a
 * monitoring system, and the number of series stays small.
 *
 * <p>The measures come from decorators the runtime puts around the parts that see the events:
 * the question log ({@link MeteredQuestionLog}: questions by outcome, handoffs by reason, reply
 * latency), the LLM answerer ({@link MeteredAnswerer}: calls and fallbacks), the advisers'
 * notifier ({@link MeteredNotifier}: cases, reminders and escalations); the Discord adapter
 * reports its errors by code and the reloader the catalogue's.
 */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public Metrics() {
        registry.config().commonTags("application", "guichet");
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    public QuestionLog questionLog(QuestionLog delegate) {
        return new MeteredQuestionLog(delegate, registry);
    }

    public Answerer llm(Answerer delegate) {
        return new MeteredAnswerer(delegate, registry);
    }

    public AdviserNotifier notifier(AdviserNotifier delegate) {
        return new MeteredNotifier(delegate, registry);
    }

    /**
     * Discord refused a request or did not answer. {@code code}: the HTTP status, or
     * {@code timeout}, {@code missing_permissions}, {@code other}: a short closed list.
     */
    public void discordError(String code) {
        Counter.builder("guichet.discord.errors").description("Requests Discord refused or did not answer, by code")
                .tag("code", code == null ? "other" : code.toLowerCase(Locale.ROOT)).register(registry).increment();
    }

    /** The served catalogue: its entries, when it was loaded, its latest review. */
    public void catalogue(Supplier<CatalogueSnapshot> served) {
        Gauge.builder("guichet.catalogue.entries", () -> served.get().entries())
                .description("Entries of the catalogue being served").register(registry);
        Gauge.builder("guichet.catalogue.loaded.timestamp", () -> served.get().loadedAt().toEpochMilli() / 1000.0)
                .description("When the catalogue being served was loaded (Unix time, seconds)").baseUnit("seconds")
                .register(registry);
        Gauge.builder("guichet.catalogue.reviewed.timestamp", () -> served.get().reviewed()
                        .map(d -> (double) d.atStartOfDay(ZoneOffset.UTC).toEpochSecond()).orElse(Double.NaN))
                .description("Latest review date of the catalogue's entries (Unix time, seconds)").baseUnit("seconds")
                .register(registry);
    }

    /** A reload: {@code ok} when its catalogue is served, else it was refused. */
    public void reload(boolean ok) {
        Counter.builder("guichet.catalogue.reloads").description("Catalogue reloads, served or refused")
                .tag("result", ok ? "served" : "refused").register(registry).increment();
    }
}
