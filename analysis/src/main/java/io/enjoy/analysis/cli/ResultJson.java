package io.enjoy.analysis.cli;

import io.enjoy.analysis.topmass.TopMassResult;

import java.util.LinkedHashMap;
import java.util.Map;

/** The key numbers of a run as flat JSON with full double precision (for the benchmark's comparison). */
final class ResultJson {

    private ResultJson() {
    }

    static String of(TopMassResult r) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("n_data", (double) r.nData());
        m.put("n_data_btag", (double) r.nDataBTag());
        m.put("f_sig", r.fSig());
        m.put("f_sig_err", r.fractionFit().error("f_sig"));
        m.put("f_sig_btag", r.fSigBTag());
        m.put("f_sig_btag_err", r.fractionFitBTag().error("f_sig"));
        m.put("sigma_pb", r.crossSectionPb());
        m.put("cb_mc_mu", r.crystalBall().mcFit().value("mu"));
        m.put("cb_data_mu", r.crystalBall().dataFit().value("mu"));
        m.put("cb_mass", r.crystalBall().mass());
        m.put("cb_mc_chi2", r.crystalBall().mcFit().fval());
        m.put("moyal_mc_m", r.moyal().mcFit().value("m"));
        m.put("moyal_data_m", r.moyal().dataFit().value("m"));
        m.put("moyal_mass", r.moyal().mass());
        m.put("moyal_mc_chi2", r.moyal().mcFit().fval());
        StringBuilder sb = new StringBuilder("{");
        m.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append('"').append(k).append("\": ").append(Double.isFinite(v) ? Double.toString(v) : "null"));
        return sb.append("}\n").toString();
    }
}
