"""The top-mass exercise vectorised with numpy: the file is read as text columns, the Python
list literals are flattened into one float array per column (np.fromstring), events are grouped
by jet multiplicity and every combinatorial step (M3, the chi2 jet assignment) is evaluated on
whole arrays of events at once, in chunks to bound memory. Same choices as the Java library.
Usage: topmass_numpy.py DIR OUT.json
"""
import json
import sys
from itertools import combinations, permutations

import numpy as np
import pandas as pd

import common

CHUNK_CELLS = 2_000_000  # events x combinations per chunk


def numbers(col):
    """All numbers of a column of Python list literals, flattened, and the count per cell."""
    stripped = col.str.replace(r"[\[\] ]", "", regex=True)
    nonempty = stripped[stripped != ""]
    flat = np.fromstring(",".join(nonempty), sep=",") if len(nonempty) else np.zeros(0)
    counts = np.where(stripped == "", 0, stripped.str.count(",") + 1).astype(np.int64)
    return flat, counts


def mass2(e, x, y, z):
    return e * e - (x * x + y * y + z * z)


def read(path):
    df = pd.read_csv(path, sep="\t", index_col=False, dtype=str, usecols=["Jets", "missing E", "Muons", "Jets bTag"])
    jets, nnum = numbers(df["Jets"])
    njets = nnum // 4
    tags, _ = numbers(df["Jets bTag"])
    met = numbers(df["missing E"])[0].reshape(-1, 4)
    mu = numbers(df["Muons"])[0].reshape(-1, 4)
    return jets.reshape(-1, 4), njets, tags, met, mu


def neutrino_w(mu, met):
    ptl2 = mu[:, 1] ** 2 + mu[:, 2] ** 2
    ptm2 = met[:, 1] ** 2 + met[:, 2] ** 2
    m = common.W_MASS * common.W_MASS / 2 + mu[:, 1] * met[:, 1] + mu[:, 2] * met[:, 2]
    a = m * mu[:, 3] / ptl2
    a2 = a * a
    b = (mu[:, 0] * mu[:, 0] * ptm2 - m * m) / ptl2
    r = np.sqrt(np.maximum(a2 - b, 0))
    pz1, pz2 = a + r, a - r
    pz = np.where(a2 < b, a, np.where(np.abs(pz1) <= np.abs(pz2), pz1, pz2))
    p = np.sqrt(met[:, 1] ** 2 + met[:, 2] ** 2 + pz * pz)
    nu = np.stack([p, met[:, 1], met[:, 2], pz], axis=1)
    return nu + mu


def sample(path):
    jets, njets, tags, met, mu = read(path)
    start = np.concatenate([[0], np.cumsum(njets)[:-1]])
    sel = np.nonzero(njets >= 4)[0]
    n_sel = len(sel)
    m3 = np.full(n_sel, np.nan)
    medium = np.zeros(n_sel, bool)
    avg = np.full(n_sel, np.nan)
    w_all = neutrino_w(mu[sel], met[sel])
    pos = np.arange(n_sel)
    for n in np.unique(njets[sel]):
        grp = pos[njets[sel] == n]
        idx = start[sel[grp]][:, None] + np.arange(n)[None, :]
        J = jets[idx]            # (k, n, 4)
        T = tags[idx]            # (k, n)
        medium[grp] = (T > common.MEDIUM).any(axis=1)
        # M3: trijet with the largest vector-sum pt
        c3 = np.array(list(combinations(range(n), 3)))
        step = max(1, CHUNK_CELLS // len(c3))
        for s0 in range(0, len(grp), step):
            Jc = J[s0:s0 + step]
            S = Jc[:, c3[:, 0]] + Jc[:, c3[:, 1]] + Jc[:, c3[:, 2]]
            best = np.argmax(S[..., 1] ** 2 + S[..., 2] ** 2, axis=1)
            B = S[np.arange(len(Jc)), best]
            m3[grp[s0:s0 + step]] = common.mass(mass2(B[:, 0], B[:, 1], B[:, 2], B[:, 3]))
        # chi2 jet assignment, only for medium-tagged events
        tg = grp[medium[grp]]
        if len(tg) == 0:
            continue
        Jt = J[medium[grp]]
        loose = T[medium[grp]] > common.LOOSE
        P = np.array(list(permutations(range(n), 4)))  # (bh, bl, q1, q2) in the notebook's loop order
        step = max(1, CHUNK_CELLS // len(P))
        for s0 in range(0, len(tg), step):
            Jc, Lc, Wc = Jt[s0:s0 + step], loose[s0:s0 + step], w_all[tg[s0:s0 + step]]
            Wh = Jc[:, P[:, 2]] + Jc[:, P[:, 3]]
            Th = Wh + Jc[:, P[:, 0]]
            Tl = Wc[:, None, :] + Jc[:, P[:, 1]]
            mW = common.mass(mass2(Wh[..., 0], Wh[..., 1], Wh[..., 2], Wh[..., 3]))
            mH = common.mass(mass2(Th[..., 0], Th[..., 1], Th[..., 2], Th[..., 3]))
            mL = common.mass(mass2(Tl[..., 0], Tl[..., 1], Tl[..., 2], Tl[..., 3]))
            chi2 = (mW - common.W_HAD) ** 2 / common.W_HAD_SIGMA ** 2 + (mL - mH - common.DELTA_M) ** 2 / common.DELTA_M_SIGMA ** 2
            ok = Lc[:, P[:, 0]] | Lc[:, P[:, 1]]
            chi2 = np.where(ok, chi2, np.inf)
            best = np.argmin(chi2, axis=1)
            r = np.arange(len(Jc))
            value = (mH[r, best] + mL[r, best]) / 2
            avg[tg[s0:s0 + step]] = np.where(np.isfinite(chi2[r, best]), value, np.nan)
    return {"M3": m3, "medium": medium, "avg": avg}


def main():
    d, out = sys.argv[1], sys.argv[2]
    tt = sample(f"{d}/MC_TTBar_NJets2.csv")
    wj = sample(f"{d}/MC_WJets_NJets2.csv")
    da = sample(f"{d}/data_NJets4.csv")
    res = common.analyse(tt, wj, da)
    with open(out, "w") as fh:
        json.dump(res, fh)


if __name__ == "__main__":
    main()
