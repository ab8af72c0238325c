package io.enjoy.analysis.data;

/**
 * A problem in an exercise CSV file. The message always names the file, and where it applies
 * the 1-based line number and the column, e.g.
 * {@code data_NJets4.csv line 17, column 'Jets': expected ',' or ']' after a number at character 40, found 'x'}.
 */
public final class EventFileException extends RuntimeException {

    private final String file;
    private final long line;
    private final String column;

    public EventFileException(String file, long line, String column, String reason, Throwable cause) {
        super(file + (line > 0 ? " line " + line : "") + (column != null ? ", column '" + column + "'" : "") + ": " + reason, cause);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /** The file as given to the reader. */
    public String file() {
        return file;
    }

    /** 1-based line number, or 0 when the problem concerns the file as a whole. */
    public long line() {
        return line;
    }

    /** Column name, or null when the problem is not in one column. */
    public String column() {
        return column;
    }
}
