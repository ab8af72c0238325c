"""The top-mass exercise written the way the course notebook does it (seed appendix B):
pandas DataFrames read with ast.literal_eval converters, one DataFrame.apply per step, the
notebook's helper functions and loops. Choices that the notebook leaves open follow the Java
library (see common.py). Usage: topmass_pandas.py DIR OUT.json
"""
import ast
import json
import sys
from itertools import combinations

import numpy as np
import pandas as pd

import common


def read(path):
    conv = {i: (lambda x: np.array(ast.literal_eval(x))) for i in range(6)}
    return pd.read_csv(path, sep="\t", index_col=False, converters=conv)


def pt(four_vec):
    return np.sqrt((four_vec[1:3] ** 2).sum())


def p(four_vec):
    return np.sqrt((four_vec[1:4] ** 2).sum())


def m(four_vec):
    return common.mass(four_vec[0] ** 2 - (four_vec[1:4] ** 2).sum())


def m3(jets):
    ts = np.zeros(4)
    for i in combinations(jets, 3):
        t = i[0] + i[1] + i[2]
        if pt(t) > pt(ts):
            ts = t
    return m(ts)


def btag(x, threshold):
    for i in x:
        if i > threshold:
            return 1
    return 0


def calcNuPz(lep, E):
    mW = common.W_MASS
    mu = mW ** 2 / 2 + lep[1] * E[1] + lep[2] * E[2]
    a = mu * lep[3] / (lep[1] ** 2 + lep[2] ** 2)
    a2 = a ** 2
    b = (lep[0] ** 2 * (E[1] ** 2 + E[2] ** 2) - mu ** 2) / (lep[1] ** 2 + lep[2] ** 2)
    if a2 < b:
        return a
    pz1 = a + np.sqrt(a2 - b)
    pz2 = a - np.sqrt(a2 - b)
    return pz1 if abs(pz1) <= abs(pz2) else pz2


def wminus(x):
    arr = np.array([0, x["missing E"][1], x["missing E"][2], calcNuPz(x["Muons"], x["missing E"])], dtype=float)
    arr[0] = p(arr)
    return arr + x["Muons"]


def rec_jets(x):
    n = len(x["Jets"])
    best = np.inf
    res = np.nan
    jets, tags, w = x["Jets"], x["Jets bTag"], x["Wminus"]
    for bh in range(n):
        for bl in range(n):
            if bh == bl:
                continue
            if tags[bh] > common.LOOSE or tags[bl] > common.LOOSE:
                for q1 in range(n):
                    if q1 in (bh, bl):
                        continue
                    for q2 in range(n):
                        if q2 in (bh, bl, q1):
                            continue
                        wplus = jets[q1] + jets[q2]
                        thad = wplus + jets[bh]
                        tlep = w + jets[bl]
                        chi2 = (m(wplus) - common.W_HAD) ** 2 / common.W_HAD_SIGMA ** 2 + \
                               (m(tlep) - m(thad) - common.DELTA_M) ** 2 / common.DELTA_M_SIGMA ** 2
                        if chi2 < best:
                            best = chi2
                            res = (m(thad) + m(tlep)) / 2
    return res


def sample(df):
    cut = df.loc[df["Jets"].str.len() >= 4].copy()
    cut["M3"] = cut.apply(lambda x: m3(x["Jets"]), axis=1)
    cut["Btag"] = cut.apply(lambda x: btag(x["Jets bTag"], common.MEDIUM), axis=1)
    tagged = cut.loc[cut["Btag"] == 1].copy()
    tagged["Wminus"] = tagged.apply(lambda x: wminus(x), axis=1)
    tagged["Top average"] = tagged.apply(lambda x: rec_jets(x), axis=1)
    cut["Top average"] = np.nan
    cut.loc[tagged.index, "Top average"] = tagged["Top average"]
    return {"M3": cut["M3"].to_numpy(float), "medium": (cut["Btag"] == 1).to_numpy(),
            "avg": cut["Top average"].to_numpy(float)}


def main():
    d, out = sys.argv[1], sys.argv[2]
    tt = sample(read(f"{d}/MC_TTBar_NJets2.csv"))
    wj = sample(read(f"{d}/MC_WJets_NJets2.csv"))
    da = sample(read(f"{d}/data_NJets4.csv"))
    res = common.analyse(tt, wj, da)
    with open(out, "w") as fh:
        json.dump(res, fh)


if __name__ == "__main__":
    main()
