package fr.guichet.bot.report;

/** A row of the question log as read back: its id, the question, and the 👍/👎 it got (null: none). */
public record LoggedQuestion(long id, AnsweredQuestion question, Boolean helpful) {
}
