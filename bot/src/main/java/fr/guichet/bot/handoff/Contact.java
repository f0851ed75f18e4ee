package fr.guichet.bot.handoff;

/**
 * How an entrepreneur can be reached. Only kept when they consented to be contacted;
 * never written to logs.
 */
public record Contact(String name, String company, String phoneOrEmail, boolean consent) {
}
