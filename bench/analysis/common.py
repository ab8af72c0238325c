"""Shared part of the two Python versions of the top-mass exercise: histograms, fits and the
final numbers, with exactly the choices of the Java library (io.enjoy.analysis.topmass), so the
benchmark compares like with like. Per-event physics lives in topmass_pandas.py / topmass_numpy.py.
"""
import numpy as np
from iminuit import Minuit
from scipy.special import erf

LOOSE, MEDIUM = 0.244, 0.679
W_MASS, W_HAD, W_HAD_SIGMA, DELTA_M, DELTA_M_SIGMA = 80.4, 78.1, 11.2, -7.5, 45.2
GEN_MASS, JES = 172.5, 2.4
LUMI_PB, EFF = 5000.0, 0.0259
TOL = 1e-6  # iminuit tolerance: EDM < 0.002*TOL, so its values are accurate well below the 1e-6 comparison


def mass(m2):
    """Invariant mass from m^2 with the Java library's convention: -sqrt(-m^2) if space-like."""
    return np.sign(m2) * np.sqrt(np.abs(m2))


def cb_std(z, beta, m):
    e = np.exp(-0.5 * beta * beta)
    norm = 1 / (m / beta / (m - 1) * e + np.sqrt(np.pi / 2) * (1 + erf(beta / np.sqrt(2))))
    a = (m / beta) ** m * e
    b = m / beta - beta
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        tail = np.power(np.maximum(b - z, 1e-300), -m)
    return np.where(z > -beta, norm * np.exp(-0.5 * z * z), norm * a * tail)


def crystalball(x, b, m, mu, sigma, scale):
    """The exercise's reparametrised scipy crystalball: tail on the high-mass side."""
    return cb_std((mu - x) / sigma, 1 / b, m) / sigma * scale


def moyal(x, A, m, b):
    z = (x - m) / b
    return A / np.sqrt(2 * np.pi) * np.exp(-0.5 * (z + np.exp(-z)))


def migrad(m):
    """MIGRAD twice: the second pass starts at the first minimum with its covariance and brings
    iminuit's values to ~1e-9 of the true minimum (one pass can stop ~1e-7 away on f_sig)."""
    m.migrad()
    m.migrad()


def fraction_fit(d, s_norm, b_norm, start):
    l = d.sum()

    def chisqu(f_sig):
        pred = f_sig * s_norm[3:] * l + (1 - f_sig) * b_norm[3:] * l
        dd = d[3:]
        keep = ~((pred == 0) & (dd == 0))
        if np.any((pred == 0) & (dd > 0)):
            return np.inf
        return np.sum((pred[keep] - dd[keep]) ** 2 / pred[keep])

    miu = Minuit(chisqu, f_sig=start)
    miu.errordef = Minuit.LEAST_SQUARES
    miu.errors["f_sig"] = 0.01
    miu.limits["f_sig"] = (0.1, 1)
    miu.tol = TOL
    migrad(miu)
    miu.hesse()
    return miu


def _lsq(x, y, err, model):
    def cost(*p):
        return np.sum(((y - model(x, *p)) / err) ** 2)
    return cost


def fit_mc(counts, centres, shape):
    err = np.sqrt(np.maximum(counts, 1))
    area = counts.sum() * 10.0
    if shape == "cb":
        c = _lsq(centres, counts, err, crystalball)
        m = Minuit(c, 1.0, 2.0, 172.0, 20.0, area, name=("b", "m", "mu", "sigma", "scale"))
        m.errors = (0.1, 0.2, 1.0, 1.0, 0.05 * area)
        m.limits["b"] = (0, 5)
        m.limits["m"] = (1, 3)
        m.limits["sigma"] = (0, 50)
    else:
        c = _lsq(centres, counts, err, moyal)
        m = Minuit(c, area / 20, 172.0, 20.0, name=("A", "m", "b"))
        m.errors = (0.05 * area / 20, 1.0, 1.0)
    m.errordef = Minuit.LEAST_SQUARES
    m.tol = TOL
    migrad(m)
    m.hesse()
    return m


def fit_data(centres, y, err, mc, shape):
    area = max(y.sum(), 1) * 10.0
    if shape == "cb":
        v = mc.values
        c = _lsq(centres, y, err, crystalball)
        mu0 = min(179.5, max(170.5, v["mu"]))
        m = Minuit(c, v["b"], v["m"], mu0, v["sigma"], area, name=("b", "m", "mu", "sigma", "scale"))
        m.errors = (0.1, 0.1, 0.5, 1.0, 0.05 * area)
        m.limits["mu"] = (170, 180)
        for p in ("b", "m", "sigma"):
            m.fixed[p] = True
    else:
        b = mc.values["b"]
        c = _lsq(centres, y, err, moyal)
        m = Minuit(c, area / b, mc.values["m"], b, name=("A", "m", "b"))
        m.errors = (0.05 * area / b, 0.5, 1.0)
        m.fixed["b"] = True
    m.errordef = Minuit.LEAST_SQUARES
    m.tol = TOL
    migrad(m)
    m.hesse()
    return m


def hist_clipped(values, lo=0.0, hi=700.0, bins=35):
    return np.histogram(np.clip(values, lo, hi), bins=bins, range=(lo, hi))[0].astype(float)


def analyse(tt, wj, da):
    """tt, wj, da: dicts of per-event numpy arrays (events with >= 4 jets only):
    'M3', 'medium' (bool), 'avg' (average top mass, NaN if not reconstructed)."""
    d = hist_clipped(da["M3"])
    s = hist_clipped(tt["M3"])
    b = hist_clipped(wj["M3"])
    frac = fraction_fit(d, s / s.sum(), b / b.sum(), 0.5)
    dB = hist_clipped(da["M3"][da["medium"]])
    sB = hist_clipped(tt["M3"][tt["medium"]])
    bB = hist_clipped(wj["M3"][wj["medium"]])
    fracB = fraction_fit(dB, sB / sB.sum(), bB / bB.sum(), 0.8)
    f = fracB.values["f_sig"]
    n_data_b = int(da["medium"].sum())
    sigma = n_data_b * f / (LUMI_PB * EFF)

    def avg_hist(x):
        x = x[~np.isnan(x)]
        return np.histogram(x, bins=20, range=(130.0, 330.0))[0].astype(float)

    mc_avg = avg_hist(tt["avg"][tt["medium"]])
    data_avg = avg_hist(da["avg"][da["medium"]])
    wj_avg = avg_hist(wj["avg"][wj["medium"]])
    n_wj_b = int(wj["medium"].sum())
    b_norm = wj_avg / n_wj_b
    sub = data_avg - b_norm * (1 - f) * n_data_b
    err = np.sqrt(np.maximum(data_avg + n_data_b * (1 - f) * (1 - f) * b_norm, 1))
    centres = 135.0 + 10.0 * np.arange(20)
    out = {"n_data": float(len(da["M3"])), "n_data_btag": float(n_data_b),
           "f_sig": frac.values["f_sig"], "f_sig_err": frac.errors["f_sig"],
           "f_sig_btag": f, "f_sig_btag_err": fracB.errors["f_sig"], "sigma_pb": sigma}
    for shape, pos in (("cb", "mu"), ("moyal", "m")):
        mc = fit_mc(mc_avg, centres, shape)
        dat = fit_data(centres, sub, err, mc, shape)
        offset = mc.values[pos] - GEN_MASS
        out[f"{shape}_mc_{pos}"] = mc.values[pos]
        out[f"{shape}_data_{pos}"] = dat.values[pos]
        out[f"{shape}_mass"] = dat.values[pos] - offset
        out[f"{shape}_mc_chi2"] = mc.fval
    return out
