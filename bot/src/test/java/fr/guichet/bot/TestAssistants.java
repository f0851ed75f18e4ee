package fr.guichet.bot;

import fr.guichet.bot.assistant.Assistant;
import fr.guichet.bot.feedback.FeedbackStore;
import fr.guichet.bot.handoff.AdviserNotifier;
import fr.guichet.bot.handoff.AdviserRouter;
import fr.guichet.bot.handoff.Availability;
import fr.guichet.bot.handoff.HandoffStore;
import fr.guichet.knowledge.catalogue.Catalogue;
import fr.guichet.knowledge.catalogue.CatalogueException;
import fr.guichet.knowledge.catalogue.CatalogueLoader;
import fr.guichet.knowledge.search.CatalogueIndex;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** The bundled catalogue and an assistant over it, for tests: built once, it is read-only. */
public final class TestAssistants {
    public static final Path BUNDLED = Path.of("../knowledge/catalogue");
    private static Catalogue catalogue;
    private static CatalogueIndex index;

    private TestAssistants() {
    }

    public static synchronized Catalogue catalogue() {
        if (catalogue == null) {
            try {
                catalogue = new CatalogueLoader().load(BUNDLED).catalogue();
            } catch (CatalogueException e) {
                throw new IllegalStateException(e);
            }
        }
        return catalogue;
    }

    public static synchronized CatalogueIndex index() {
        if (index == null) {
            index = CatalogueIndex.build(catalogue(), Clock.systemDefaultZone());
        }
        return index;
    }

    public static Assistant assistant(HandoffStore cases, FeedbackStore feedback, AdviserNotifier notifier, Clock clock) {
        return Assistant.builder(index(), new AdviserRouter(catalogue(), Availability.everyonePresent()), cases, feedback)
                .notifier(notifier)
                .clock(clock)
                .contactDelay(Wiring.contactDelay(Duration.ofHours(4)))
                .build();
    }
}
