package fr.guichet.bot.assistant;

/** Turns retrieved entries into the text of a reply. */
public interface Answerer {
    Answer answer(AnswerRequest request);
}
