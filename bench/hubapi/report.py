"""Turns bench/out/hubapi/results.tsv into the RESULTS.md table (medians over rounds, ratios)."""
import csv, os, statistics, sys
from datetime import datetime, timezone

out, results_md, users, duration, conns = sys.argv[1:6]
rows = list(csv.DictReader(open(os.path.join(out, "results.tsv")), delimiter="\t"))
queries = list(dict.fromkeys(r["query"] for r in rows))
def med(target, query, key):
    vals = [float(r[key]) for r in rows if r["target"] == target and r["query"] == query]
    return statistics.median(vals) if vals else float("nan")
def errors(target, query):
    return sum(int(r["errors"]) for r in rows if r["target"] == target and r["query"] == query)
load = open("/proc/loadavg").read().split()[:3]
lines = [
    "# Users-API benchmark results", "",
    f"Measured by `bench/hubapi/run.sh` on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC: {users} users created through each hub's own "
    f"REST API, then `GET /hub/api/...` with an admin token and `Accept: application/jupyterhub-pagination+json`, "
    f"wrk {duration} per row after a 3 s warm-up, {conns} keep-alive connections, medians over the rounds "
    f"(alternating order). EnJoY: the gateway over HTTPS with its embedded PostgreSQL. JupyterHub 3.0.0 (Debian) "
    f"with SQLite, asked directly on the hub's own port over plain HTTP (not through its proxy, which would only slow it). "
    f"Load average when written: {' / '.join(load)} on {os.cpu_count()} CPUs.", "",
    "| query | EnJoY req/s | JupyterHub req/s | EnJoY/JupyterHub | EnJoY p50 / p99 ms | JupyterHub p50 / p99 ms | errors | target ≥ 5× |",
    "|---|---:|---:|---:|---|---|---|---|",
]
for q in queries:
    e, j = med("enjoy", q, "rps"), med("jupyterhub", q, "rps")
    ratio = e / j if j else float("nan")
    lines.append(f"| `{q}` | {e:,.0f} | {j:,.0f} | {ratio:.1f}× | {med('enjoy', q, 'p50_ms'):.1f} / {med('enjoy', q, 'p99_ms'):.1f} "
                 f"| {med('jupyterhub', q, 'p50_ms'):.1f} / {med('jupyterhub', q, 'p99_ms'):.1f} "
                 f"| {errors('enjoy', q)} / {errors('jupyterhub', q)} | {'met' if ratio >= 5 else '**not met**'} |")
# the medians hide a slow round: show each round's ratio too (the machine's load varies between rounds)
rounds = sorted({r["round"] for r in rows}, key=int)
def rps(rnd, target, query):
    return next((float(r["rps"]) for r in rows if r["round"] == rnd and r["target"] == target and r["query"] == query), float("nan"))
if len(rounds) > 1:
    lines += ["", "Per round, EnJoY/JupyterHub req/s: " + "; ".join(
        f"`{q}` " + ", ".join(f"{rps(n, 'enjoy', q) / rps(n, 'jupyterhub', q):.1f}×" for n in rounds) for q in queries)]
counts = os.path.join(out, "counts.tsv")
if os.path.exists(counts):
    lines += ["", "Users per answer (both must agree): " + ", ".join(
        f"{t} `{q}` {n}" for t, q, n in (l.rstrip("\n").split("\t") for l in open(counts)))]
text = "\n".join(lines) + "\n"
open(results_md, "w").write(text)
print(text)
