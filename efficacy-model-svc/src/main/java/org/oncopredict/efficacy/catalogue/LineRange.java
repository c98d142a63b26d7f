package org.oncopredict.efficacy.catalogue;

/**
 * The lines of therapy an indication covers: {@code from} to {@code to} inclusive, 1 being first line.
 * An open range ("second line onwards") has {@code to == } {@link #OPEN}.
 *
 * @param from first line covered, ≥ 1
 * @param to   last line covered, ≥ {@code from}, or {@link #OPEN}
 */
public record LineRange(int from, int to) {

    /** Upper bound of an open range. */
    public static final int OPEN = Integer.MAX_VALUE;

    public LineRange {
        if (from < 1 || to < from) {
            throw new IllegalArgumentException("invalid line range " + from + ".." + to);
        }
    }

    /** Lines {@code from} onwards. */
    public static LineRange from(int from) {
        return new LineRange(from, OPEN);
    }

    public boolean contains(int line) {
        return line >= from && line <= to;
    }

    /** For messages: "1", "≥ 2" or "1–2". */
    @Override
    public String toString() {
        if (to == OPEN) {
            return "≥ " + from;
        }
        return from == to ? Integer.toString(from) : from + "–" + to;
    }
}
