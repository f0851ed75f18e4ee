package fr.guichet.knowledge.catalogue;

import java.time.LocalDate;

/** A planned session of a training. */
public record Session(LocalDate start, LocalDate end, String location) {
}
