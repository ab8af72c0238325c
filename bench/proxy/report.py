"""Turns bench/out/proxy/{results,websocket}.tsv into the printed table and RESULTS.md (see run.sh)."""
import csv
import datetime
import os
import sys

out, results_md, duration, threads = sys.argv[1:5]
warmup = sys.argv[5] if len(sys.argv) > 5 else "3s"


def rows(name):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return list(csv.DictReader(f, delimiter="\t"))


http = rows("results.tsv")
ws = {r["target"]: r for r in rows("websocket.tsv")}
by = {(r["target"], r["size"], r["conns"]): r for r in http}
targets = [t for t in ["direct", "gateway", "chp", "nginx"] if any(r["target"] == t for r in http) or t in ws]
cases = sorted({(r["size"], int(r["conns"])) for r in http}, key=lambda c: (c[0] != "1k", c[1]))


def f(x, d=2):
    return f"{float(x):,.{d}f}"


lines = []
lines.append("| size | conns | target | req/s | p50 ms | p99 ms | p99 added vs direct ms | errors | RSS MB | gateway/CHP | gateway/nginx |")
lines.append("|---|---|---|---|---|---|---|---|---|---|---|")
verdicts = []
for size, conns in cases:
    direct = by.get(("direct", size, str(conns)))
    gw = by.get(("gateway", size, str(conns)))
    for t in targets:
        r = by.get((t, size, str(conns)))
        if not r:
            continue
        added = f"{float(r['p99_ms']) - float(direct['p99_ms']):+.3f}" if direct and t != "direct" else ""
        vs_chp = vs_nginx = ""
        if t == "gateway":
            chp, ngx = by.get(("chp", size, str(conns))), by.get(("nginx", size, str(conns)))
            if chp and float(chp["rps"]) > 0:
                ratio = float(gw["rps"]) / float(chp["rps"])
                vs_chp = f"{ratio:.2f}×"
                verdicts.append(f"≥ 3× CHP req/s, {size} c={conns}: {ratio:.2f}× — {'met' if ratio >= 3 else 'NOT met'}")
            if ngx and float(ngx["rps"]) > 0:
                ratio = float(gw["rps"]) / float(ngx["rps"])
                vs_nginx = f"{ratio:.2f}×"
                verdicts.append(f"≥ 0.8× nginx req/s, {size} c={conns}: {ratio:.2f}× — {'met' if ratio >= 0.8 else 'NOT met'}")
            if direct and conns == 64:
                extra = float(gw["p99_ms"]) - float(direct["p99_ms"])
                verdicts.append(f"p99 added ≤ 1 ms at 64 conns, {size}: {extra:+.3f} ms — {'met' if extra <= 1 else 'NOT met'}")
        lines.append(f"| {size} | {conns} | {t} | {f(r['rps'], 0)} | {f(r['p50_ms'], 3)} | {f(r['p99_ms'], 3)} | {added} | {r['errors']} | "
                     f"{int(r['rss_kb']) / 1024:.0f} | {vs_chp} | {vs_nginx} |")
ws_lines = ["| target | median µs | p99 µs | added median µs | added p99 µs |", "|---|---|---|---|---|"]
for t in targets:
    if t in ws:
        r, d = ws[t], ws.get("direct")
        am = f"{float(r['median_us']) - float(d['median_us']):+.1f}" if d and t != "direct" else ""
        ap = f"{float(r['p99_us']) - float(d['p99_us']):+.1f}" if d and t != "direct" else ""
        ws_lines.append(f"| {t} | {f(r['median_us'], 1)} | {f(r['p99_us'], 1)} | {am} | {ap} |")
skipped = open(os.path.join(out, "skipped")).read().strip() if os.path.exists(os.path.join(out, "skipped")) else ""

text = "\n".join(lines) + "\n\nWebSocket echo round trip (one connection, one 256-byte message in flight):\n\n" + "\n".join(ws_lines) + "\n"
text += "\nTargets (issue 5):\n\n" + "\n".join(f"- {v}" for v in verdicts) + "\n"
if skipped:
    text += "\nSkipped:\n\n" + skipped + "\n"
print(text)

cpu = os.cpu_count()
with open(results_md, "w") as md:
    md.write("# Proxy benchmark results\n\n")
    md.write(f"Measured by `bench/proxy/run.sh` on {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, "
             f"{cpu} CPUs shared by wrk ({threads} threads), the backend, the proxy under test and anything else running; "
             f"wrk {duration} per row after a warm-up of 3 s at 8 and {warmup} at 64 connections per target and size, keep-alive, loopback. Direct is plain HTTP to the backend; "
             "the gateway, CHP and nginx all terminate TLS (the gateway is HTTPS-only) with the same self-signed "
             "certificate and forward plain HTTP/1.1 to the same backend. The gateway request carries a real session "
             "cookie from a browser-like OIDC login. RSS is the peak resident memory of the proxy's process(es) during "
             "the row, summed with their direct child processes (the gateway's JVM also hosts the development OIDC "
             "provider; its embedded PostgreSQL counts only if it is still the JVM's child). "
             "CHP 4.5.3 (Debian) runs with its defaults, as JupyterHub runs it: its node-http-proxy has no keep-alive "
             "agent towards the backend, so it opens a backend connection per request. Raw wrk output: `bench/out/proxy/`.\n\n")
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    md.write(f"Load average (1/5/15 min) when this report was written: {load} on {cpu} CPUs: p99 figures on a "
             "shared, overloaded machine are dominated by scheduling delays (see direct's own p99), so read the p99 "
             "rows with that in mind; req/s ratios from the same run are the more robust numbers.\n\n")
    md.write(text)
