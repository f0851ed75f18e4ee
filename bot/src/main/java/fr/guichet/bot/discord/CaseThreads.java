package fr.guichet.bot.discord;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each case's Discord thread is remembered: with the case, in the case store, so that a
 * reminder after a restart posts in the case's thread instead of opening a second one.
 */
interface CaseThreads {

    Optional<Long> threadOf(String caseId);

    void remember(String caseId, long threadId);

    /** Kept in memory only (tests). */
    static CaseThreads inMemory() {
        Map<String, Long> threads = new ConcurrentHashMap<>();
        return new CaseThreads() {
            @Override
            public Optional<Long> threadOf(String caseId) {
                return Optional.ofNullable(threads.get(caseId));
            }

            @Override
            public void remember(String caseId, long threadId) {
                threads.put(caseId, threadId);
            }
        };
    }
}
