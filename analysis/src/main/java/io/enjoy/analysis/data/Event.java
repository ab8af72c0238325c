package io.enjoy.analysis.data;

import io.enjoy.analysis.kinematics.FourVector;

import java.util.List;

/**
 * One row of the exercise files: a semileptonic candidate event.
 *
 * @param jets       the jets, in file order (the files store them by decreasing pt)
 * @param bTags      the b-tag discriminant of each jet, same order and length as {@code jets};
 *                   the array is shared, treat it as read-only
 * @param missingE   missing transverse momentum; only px and py are physical
 * @param muon       the isolated muon
 * @param topGen     generator-level top quark, or null when the file has no {@code T_gen} column
 * @param antiTopGen generator-level anti-top quark, or null when the file has no {@code anti T_gen}
 */
public record Event(List<FourVector> jets, double[] bTags, FourVector missingE, FourVector muon,
                    FourVector topGen, FourVector antiTopGen) {

    public Event {
        if (jets.size() != bTags.length) {
            throw new IllegalArgumentException("an event has " + jets.size() + " jets but " + bTags.length + " b-tag values");
        }
    }

    /** Number of jets. */
    public int nJets() {
        return jets.size();
    }

    /** Whether the file this came from had generator-level top quarks. */
    public boolean hasGenerator() {
        return topGen != null && antiTopGen != null;
    }
}
