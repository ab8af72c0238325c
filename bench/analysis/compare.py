"""Prints the benchmark table (wall time, peak memory, ratios) and checks that the three
implementations agree: signal fractions to 1e-6, masses to 1e-3 GeV.
Usage: compare.py OUTDIR N [N ...]; expects OUTDIR/N/{java,pandas,numpy}.{json,time}."""
import json
import os
import sys

FRACTIONS = ["f_sig", "f_sig_btag"]
MASSES = ["cb_mc_mu", "cb_data_mu", "cb_mass", "moyal_mc_m", "moyal_data_m", "moyal_mass"]
IMPLS = ["java", "numpy", "pandas"]


def load(d, impl):
    r, t = os.path.join(d, impl + ".json"), os.path.join(d, impl + ".time")
    if not (os.path.exists(r) and os.path.exists(t)):
        return None
    with open(t) as fh:
        wall, rss = fh.read().split()
    with open(r) as fh:
        return {"res": json.load(fh), "wall": float(wall), "rss": int(rss) / 1024}


def main():
    out, sizes = sys.argv[1], sys.argv[2:]
    ok = True
    print(f"{'events':>9} {'implementation':<15} {'wall [s]':>9} {'peak RSS [MB]':>14} {'time / java':>12} {'max |df|':>10} {'max |dm| [GeV]':>15}")
    for n in sizes:
        runs = {i: load(os.path.join(out, n), i) for i in IMPLS}
        java = runs["java"]
        for impl in IMPLS:
            r = runs[impl]
            if r is None:
                print(f"{n:>9} {impl:<15} {'not run':>9}")
                continue
            ratio = r["wall"] / java["wall"] if java else float("nan")
            df = dm = 0.0
            if java and impl != "java":
                df = max(abs(r["res"][k] - java["res"][k]) for k in FRACTIONS)
                dm = max(abs(r["res"][k] - java["res"][k]) for k in MASSES)
                if not (df <= 1e-6 and dm <= 1e-3):
                    ok = False
            print(f"{n:>9} {impl:<15} {r['wall']:>9.2f} {r['rss']:>14.0f} {ratio:>11.1f}x {df:>10.2e} {dm:>15.2e}")
        if java:
            j = java["res"]
            print(f"{'':>9} java results: f_sig {j['f_sig']:.6f}, f_sig(b-tag) {j['f_sig_btag']:.6f}, "
                  f"m_top CB {j['cb_mass']:.3f} GeV, Moyal {j['moyal_mass']:.3f} GeV")
    print("agreement (f_sig to 1e-6, masses to 1e-3 GeV):", "OK" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
