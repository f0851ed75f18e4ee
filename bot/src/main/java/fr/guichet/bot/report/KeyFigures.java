package fr.guichet.bot.report;

import java.time.Duration;
import java.util.Optional;

/**
 * The figures a director reads first. {@code answered} counts full answers only; a
 * {@code partial} answer showed the nearest entries; {@code cases} are the cases opened for
 * an adviser in the period; the median time to claim is over the cases of the period that
 * were claimed (empty when none was).
 */
public record KeyFigures(int questions, int answered, int partial, int nothingFound, int handedOff, int cases,
                         Optional<Duration> medianTimeToClaim, int helpfulVotes, int unhelpfulVotes) {

    /** Share of full answers among the questions; 0 without questions. */
    public double answeredShare() {
        return questions == 0 ? 0 : answered / (double) questions;
    }

    /** Share of questions shown at least an entry (full or nearest answers). */
    public double shownShare() {
        return questions == 0 ? 0 : (answered + partial) / (double) questions;
    }
}
