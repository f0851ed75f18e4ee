package fr.guichet.knowledge.catalogue;

/**
 * One thing wrong (or odd) in a catalogue directory, located precisely enough for
 * the person who edits the files: file, entry (id, or line/row where there is none), field.
 */
public record Problem(Severity severity, String file, String entry, String field, String reason) {

    public enum Severity { ERROR, WARNING }

    public static Problem error(String file, String entry, String field, String reason) {
        return new Problem(Severity.ERROR, file, entry, field, reason);
    }

    public static Problem warning(String file, String entry, String field, String reason) {
        return new Problem(Severity.WARNING, file, entry, field, reason);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code FILE: ENTRY: FIELD: reason}, the one-line form operators read. */
    @Override
    public String toString() {
        return file + ": " + entry + ": " + field + ": " + reason;
    }
}
