package io.enjoy.analysis.data;

import io.enjoy.analysis.kinematics.FourVector;

import java.util.List;

/**
 * Parses data rows of one exercise CSV file, given its header. Immutable and thread-safe, so
 * rows can be parsed in parallel; errors are {@link EventFileException}s naming file, line and column.
 */
public final class RowParser {

    private final String name;
    private final int nCells;
    private final int jets, missingE, muons, bTags, tGen, antiTGen;

    RowParser(String name, List<String> header) {
        this.name = name;
        this.nCells = header.size();
        jets = header.indexOf(ExerciseColumns.JETS);
        missingE = header.indexOf(ExerciseColumns.MISSING_E);
        muons = header.indexOf(ExerciseColumns.MUONS);
        bTags = header.indexOf(ExerciseColumns.JETS_BTAG);
        tGen = header.indexOf(ExerciseColumns.T_GEN);
        antiTGen = header.indexOf(ExerciseColumns.ANTI_T_GEN);
    }

    boolean hasGenerator() {
        return tGen >= 0;
    }

    /** Parses one data line; {@code lineNo} is used in error messages. */
    public Event parse(String line, long lineNo) {
        String[] cells = new String[nCells];
        int n = 0;
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '\t') {
                if (n == nCells - 1) {
                    throw bad(lineNo, null, "expected " + nCells + " tab-separated cells like the header but found more");
                }
                cells[n++] = line.substring(start, i);
                start = i + 1;
            }
        }
        if (n != nCells - 1) {
            throw bad(lineNo, null, "expected " + nCells + " tab-separated cells like the header but found " + (n + 1));
        }
        cells[n] = line.substring(start);
        List<FourVector> jetList = cell(lineNo, ExerciseColumns.JETS, cells[jets], CellKind.VECTORS);
        double[] tags = cell(lineNo, ExerciseColumns.JETS_BTAG, cells[bTags], CellKind.NUMBERS);
        if (tags.length != jetList.size()) {
            throw bad(lineNo, ExerciseColumns.JETS_BTAG, "has " + tags.length + " values but the event has " + jetList.size()
                    + " jets (one b-tag per jet expected)");
        }
        FourVector met = cell(lineNo, ExerciseColumns.MISSING_E, cells[missingE], CellKind.VECTOR);
        FourVector mu = cell(lineNo, ExerciseColumns.MUONS, cells[muons], CellKind.VECTOR);
        FourVector t = tGen < 0 ? null : cell(lineNo, ExerciseColumns.T_GEN, cells[tGen], CellKind.VECTOR);
        FourVector at = antiTGen < 0 ? null : cell(lineNo, ExerciseColumns.ANTI_T_GEN, cells[antiTGen], CellKind.VECTOR);
        return new Event(jetList, tags, met, mu, t, at);
    }

    private enum CellKind { VECTORS, VECTOR, NUMBERS }

    @SuppressWarnings("unchecked")
    private <T> T cell(long lineNo, String column, String text, CellKind kind) {
        try {
            return (T) switch (kind) {
                case VECTORS -> List.copyOf(PyListCell.vectors(text));
                case VECTOR -> PyListCell.vector(text);
                case NUMBERS -> PyListCell.numbers(text);
            };
        } catch (PyListCell.CellException e) {
            throw bad(lineNo, column, e.getMessage() + " in " + abbreviate(text));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? "'" + text + "'" : "'" + text.substring(0, 57) + "...'";
    }

    private EventFileException bad(long lineNo, String column, String reason) {
        return new EventFileException(name, lineNo, column, reason, null);
    }
}
