package io.enjoy.analysis.data;

import java.util.List;

/** Column names of the exercise CSV files (seed appendix B). */
public final class ExerciseColumns {
    public static final String JETS = "Jets";
    public static final String MISSING_E = "missing E";
    public static final String MUONS = "Muons";
    public static final String JETS_BTAG = "Jets bTag";
    public static final String T_GEN = "T_gen";
    public static final String ANTI_T_GEN = "anti T_gen";

    /** Columns every file has, in the order the course's files use. */
    public static final List<String> REQUIRED = List.of(JETS, MISSING_E, MUONS, JETS_BTAG);
    /** Columns only the tt̄ simulation has. */
    public static final List<String> GENERATOR = List.of(T_GEN, ANTI_T_GEN);

    private ExerciseColumns() {
    }
}
