package io.enjoy.analysis.topmass;

/**
 * The last step: the MC offset (fitted simulation peak − 172.5 GeV) is subtracted from the fitted
 * data peak; statistical (data fit), MC (offset) and JES (2.4 GeV) uncertainties add in quadrature.
 *
 * @param offset     MC peak − generator mass
 * @param mass       data peak − offset
 * @param statError  error of the data peak
 * @param mcError    error of the MC peak (of the offset)
 * @param totalError stat ⊕ MC ⊕ JES
 */
public record MassCalibration(double offset, double mass, double statError, double mcError, double totalError) {

    public static MassCalibration of(double mcPeak, double mcPeakError, double dataPeak, double dataPeakError) {
        double offset = mcPeak - TopPhysics.GENERATOR_TOP_MASS;
        double jes = TopPhysics.JES_UNCERTAINTY;
        double total = Math.sqrt(dataPeakError * dataPeakError + mcPeakError * mcPeakError + jes * jes);
        return new MassCalibration(offset, dataPeak - offset, dataPeakError, mcPeakError, total);
    }
}
