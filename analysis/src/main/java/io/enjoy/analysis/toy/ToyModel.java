package io.enjoy.analysis.toy;

/**
 * Parameters of the toy Monte Carlo (all energies in GeV). Defaults describe CMS-like 7 TeV
 * μ+jets events well enough for the exercise; see {@link ToyGenerator} for the model.
 *
 * @param topMass          top-quark pole mass
 * @param topWidth         top width (Breit–Wigner)
 * @param wMass            W mass
 * @param wWidth           W width
 * @param jetStochastic    stochastic term a of the jet energy resolution σ/E = a/√E ⊕ c
 * @param jetConstant      constant term c
 * @param metSigma         extra Gaussian smearing of each MET component (pile-up, soft terms)
 * @param muonPtMin        muon acceptance pt threshold
 * @param muonEtaMax       muon acceptance |η|
 * @param jetPtMin         jet acceptance pt threshold
 * @param jetEtaMax        jet acceptance |η|
 * @param isrJetsTtbar     mean number of extra (radiation) partons in tt̄ events
 * @param wjetsPartonsMean mean number of partons beyond two in W+jets events
 * @param wjetsHeavyFlavour probability that a W+jets parton is a b or c quark (b-tag shape of b)
 */
public record ToyModel(double topMass, double topWidth, double wMass, double wWidth,
                       double jetStochastic, double jetConstant, double metSigma,
                       double muonPtMin, double muonEtaMax, double jetPtMin, double jetEtaMax,
                       double isrJetsTtbar, double wjetsPartonsMean, double wjetsHeavyFlavour) {

    /** The generator mass of the course's simulation, 172.5 GeV, and the default detector. */
    public static ToyModel defaults() {
        return new ToyModel(172.5, 1.4, 80.4, 2.1, 1.0, 0.05, 8.0, 25, 2.1, 30, 2.4, 0.8, 1.2, 0.08);
    }

    /** The same model with another top mass (for pseudo-data with a hidden mass). */
    public ToyModel withTopMass(double m) {
        return new ToyModel(m, topWidth, wMass, wWidth, jetStochastic, jetConstant, metSigma, muonPtMin, muonEtaMax,
                jetPtMin, jetEtaMax, isrJetsTtbar, wjetsPartonsMean, wjetsHeavyFlavour);
    }
}
