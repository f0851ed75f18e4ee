package fr.guichet.bot.store;

import fr.guichet.bot.handoff.Contact;
import fr.guichet.bot.handoff.NewCase;
import fr.guichet.bot.handoff.TranscriptLine;
import fr.guichet.knowledge.catalogue.Theme;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Fixtures of the store package for tests elsewhere. */
public final class SqliteHandoffStoreTestAccess {
    private SqliteHandoffStoreTestAccess() {
    }

    /** A case with contact and transcript, given to {@code adviserId}. */
    public static NewCase newCase(String entrepreneurId, String adviserId, String backupId) {
        Instant t = Instant.parse("2026-11-30T14:00:00Z");
        return new NewCase(entrepreneurId, new Contact("Camille Martin", "Boulangerie Martin", "06 12 34 56 78", true),
                Theme.FINANCEMENT, adviserId, backupId, "Demande de prêt d'honneur",
                List.of(new TranscriptLine(t, TranscriptLine.ENTREPRENEUR, "Je cherche un prêt d'honneur."),
                        new TranscriptLine(t, TranscriptLine.GUICHET, "Voici ce que je peux vous proposer.")),
                List.of());
    }

    /** The database of {@code dir}, waiting at most {@code busyTimeout} for another program's lock. */
    public static Database database(Path dir, java.time.Duration busyTimeout) {
        return new Database(dir, busyTimeout);
    }

    /** Makes the paths read-only for real (even for root) until closed. */
    public static AutoCloseable readOnly(Path... paths) {
        ReadOnlyFiles ro = new ReadOnlyFiles();
        for (Path p : paths) {
            ro.make(p);
        }
        return ro;
    }
}
