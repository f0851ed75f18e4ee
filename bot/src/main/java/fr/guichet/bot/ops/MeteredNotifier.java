package fr.guichet.bot.ops;

import fr.guichet.bot.handoff.AdviserNotifier;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.knowledge.catalogue.Adviser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * The advisers' notifier, counted: cases announced, reminders and escalations, each sent or
 * failed. The reminders service stores each step before notifying it, and notifies it once:
 * a notification counted here is a step taken.
 */
final class MeteredNotifier implements AdviserNotifier {
    private final AdviserNotifier delegate;
    private final MeterRegistry registry;

    MeteredNotifier(AdviserNotifier delegate, MeterRegistry registry) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void caseOpened(HandoffCase handoffCase, Adviser adviser) {
        counted("guichet.cases.opened", "Cases announced to an adviser", null, () -> delegate.caseOpened(handoffCase, adviser));
    }

    @Override
    public void reminder(HandoffCase handoffCase, Adviser adviser) {
        counted("guichet.reminders", "Reminders and escalations of unclaimed cases", "reminder",
                () -> delegate.reminder(handoffCase, adviser));
    }

    @Override
    public void escalated(HandoffCase handoffCase, Adviser backup) {
        counted("guichet.reminders", "Reminders and escalations of unclaimed cases", "escalation",
                () -> delegate.escalated(handoffCase, backup));
    }

    @Override
    public void caseForgotten(HandoffCase handoffCase, Adviser adviser) {
        delegate.caseForgotten(handoffCase, adviser);
    }

    private void counted(String name, String description, String step, Runnable notification) {
        String result = "failed";
        try {
            notification.run();
            result = "sent";
        } finally {
            Counter.Builder counter = Counter.builder(name).description(description).tag("result", result);
            if (step != null) {
                counter.tag("step", step);
            }
            counter.register(registry).increment();
        }
    }
}
