package fr.guichet.bot.handoff;

/**
 * The case store could not do what was asked (data directory read-only or full, file
 * corrupt…). The message is precise for operators; nothing was half-written.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
