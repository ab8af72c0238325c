#!/usr/bin/python3
"""EnJoY worker vs Jupyter Notebook 6.4 (+ ipykernel), side by side on this machine.

Measures memory (sum of RSS and PSS over the server's process tree) of an idle server and of a
server with one kernel after a trivial cell, the time from process start to the first cell
result, and the round-trip latency of a trivial cell. Both systems run in the same invocation,
alternating, each launch in its own session (process group) that is killed when done.
Loopback only. Run through run.sh (documented in README.md).
"""
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid

import websocket  # Debian: python3-websocket

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SECRET = "bench-" + uuid.uuid4().hex
PREFIX = "/user/bench/"
NOTEBOOK = "bench.ipynb"
STEP_TIMEOUT = 60.0  # any single step (server ready, kernel result) longer than this aborts the run
CELL = "1+1"


# ---------------------------------------------------------------- process tree memory

def _children_map():
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        # the command name may contain spaces and parentheses: ppid is the 2nd field after the last ')'
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    return children


def tree(pid):
    children = _children_map()
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def tree_memory_kib(pid):
    """(rss, pss, process count) in KiB summed over pid and all its descendants."""
    rss = pss = n = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                text = f.read()
        except OSError:
            continue
        r = re.search(r"^Rss:\s+(\d+) kB", text, re.M)
        s = re.search(r"^Pss:\s+(\d+) kB", text, re.M)
        if r:
            rss += int(r.group(1))
            pss += int(s.group(1)) if s else int(r.group(1))
            n += 1
    return rss, pss, n


def tree_cpu_s(pid):
    """CPU seconds (user + system) used so far by pid and all its descendants: a start-up cost that,
    unlike wall time, hardly depends on what else the shared machine is doing."""
    ticks = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return ticks / os.sysconf("SC_CLK_TCK")


def host_memory_kib(pids):
    """What a set of process trees holds in the host's memory, in KiB: their private pages, plus
    every file they map counted once (the most any one process has resident of it), since a file
    page is in memory once however many processes map it."""
    private, files = 0, {}
    for root in pids:
        for p in tree(root):
            try:
                with open(f"/proc/{p}/smaps") as f:
                    text = f.read()
            except OSError:
                continue
            name, shared = None, 0
            for line in text.splitlines():
                if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
                    parts = line.split(None, 5)
                    name = parts[5] if len(parts) > 5 and parts[5].startswith("/") else None
                elif line.startswith(("Private_Clean:", "Private_Dirty:")):
                    private += int(line.split()[1])
                elif name and line.startswith(("Shared_Clean:", "Shared_Dirty:")):
                    key = (p, name)
                    files[key] = files.get(key, 0) + int(line.split()[1])
    per_file = {}
    for (_, name), kib in files.items():
        per_file[name] = max(per_file.get(name, 0), kib)
    return private + sum(per_file.values())


# ---------------------------------------------------------------- helpers

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(what, probe, timeout=STEP_TIMEOUT, proc=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{what}: the process exited with code {proc.returncode}")
        try:
            if probe():
                return
        except (OSError, urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.02)
    raise TimeoutError(f"{what}: not within {timeout:.0f} s")


def http(method, url, headers, body=None, timeout=10):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers=dict(headers, **({"Content-Type": "application/json"} if data else {})))
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return r.status, r.read()


def java_string_list(relative_path, marker):
    """The string literals of a {@code List.of(...)} constant in the product's source, so the bench stays in step."""
    src = os.path.join(ROOT, relative_path)
    with open(src) as f:
        text = f.read()
    body = text[text.index(marker):]
    body = body[:body.index(");")]
    body = re.sub(r"//[^\n]*", "", body)
    flags = re.findall(r'"([^"]*)"', body)
    if not flags:
        raise RuntimeError(f"no flags found after {marker!r} in {src}")
    return flags


def worker_jvm_flags():
    """The worker's JVM flags as the local backend uses them (spawner's WorkerJvm.FLAGS)."""
    return java_string_list("spawner/src/main/java/io/enjoy/spawner/WorkerJvm.java", "FLAGS = List.of(")


class Launch:
    """One server process in its own session; stop() kills the whole group (server and kernels)."""

    def __init__(self, argv, env, cwd, log):
        self.t0 = time.perf_counter()
        self.proc = subprocess.Popen(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=log,
                                     stderr=subprocess.STDOUT, start_new_session=True)

    def stop(self):
        if self.proc.poll() is None:
            pids = tree(self.proc.pid)
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
            for p in pids:  # kernels that left the group, if any
                try:
                    os.kill(p, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(timeout=10)


# ---------------------------------------------------------------- the two systems

def notebook_json(language):
    if language == "java":
        kernelspec = {"display_name": "Java", "language": "java", "name": "java"}
    else:
        kernelspec = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    return json.dumps({"cells": [{"cell_type": "code", "execution_count": None, "id": "c1", "metadata": {},
                                  "outputs": [], "source": CELL}],
                       "metadata": {"kernelspec": kernelspec}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"


class Enjoy:
    """The worker as the local backend starts it (WorkerLauncher): WorkerJvm.FLAGS, the build's
    dist/worker.jsa if there is one, and MEM_LIMIT as the spawner passes it (spawner.mem_limit)."""

    def __init__(self, work, logdir, mem_limit):
        self.work, self.logdir, self.mem_limit = work, logdir, mem_limit
        self.name = "EnJoY"
        self.flags = worker_jvm_flags()
        archive = os.path.join(ROOT, "worker/target/dist/worker.jsa")
        if os.path.isfile(archive):
            self.flags += [f"-XX:SharedArchiveFile={archive}", "-Xshare:auto"]
        self.java = shutil.which("java", path="/usr/bin:" + os.environ.get("PATH", "")) or "java"

    def prepare_home(self):
        home = tempfile.mkdtemp(prefix="enjoy-", dir=self.work)
        with open(os.path.join(home, NOTEBOOK), "w") as f:
            f.write(notebook_json("java"))
        return home

    def start(self, tag):
        home = self.prepare_home()
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}{PREFIX}"
        env = {k: os.environ[k] for k in ("PATH", "LANG", "LC_ALL", "TZ", "JAVA_HOME") if k in os.environ}
        env.update({"HOME": home, "JUPYTERHUB_SERVICE_PREFIX": PREFIX, "ENJOY_SERVER_SECRET": SECRET,
                    "ENJOY_WORKER_HOST": "127.0.0.1", "ENJOY_WORKER_PORT": str(self.port),
                    "ENJOY_NOTEBOOK_DIR": home, "MEM_LIMIT": str(self.mem_limit)})
        argv = [self.java, *self.flags, "-cp", os.path.join(ROOT, "worker/target/dist/lib/*"), "io.enjoy.worker.WorkerMain"]
        self.log = open(os.path.join(self.logdir, f"{re.sub(r'[^a-z0-9.-]+', '_', self.name.lower())}-{tag}.log"), "w")
        self.launch = Launch(argv, env, home, self.log)
        return self.launch

    def headers(self):
        return {"X-Enjoy-Server-Secret": SECRET}

    def wait_ready(self):
        wait_until("EnJoY api/status", lambda: http("GET", self.base + "api/status", self.headers(), timeout=2)[0] == 200,
                   proc=self.launch.proc)

    def open_kernel(self):
        url = f"ws://127.0.0.1:{self.port}{PREFIX}api/kernels/ws?path={NOTEBOOK}"
        self.ws = websocket.create_connection(url, header=[f"X-Enjoy-Server-Secret: {SECRET}"], timeout=STEP_TIMEOUT)
        # The page sends nothing before the session's snapshot: a message sent earlier, while the
        # worker is still opening the notebook, is not handled (observed: it is dropped silently).
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("type") == "snapshot":
                return
            if msg.get("type") == "error":
                raise RuntimeError(f"EnJoY could not open the notebook: {msg}")

    def run_cell(self):
        """Sends the cell and waits until it has finished; returns the result text and when it arrived (perf_counter)."""
        self.ws.send(json.dumps({"type": "execute", "cellId": "c1", "source": CELL}))
        result = None
        deadline = time.monotonic() + STEP_TIMEOUT
        while time.monotonic() < deadline:
            msg = json.loads(self.ws.recv())
            t = msg.get("type")
            if t == "output" and msg.get("cellId") == "c1":
                out = msg.get("output", {})
                if out.get("output_type") == "execute_result":
                    result, at = out["data"]["text/plain"], time.perf_counter()
                elif out.get("output_type") == "error":
                    raise RuntimeError(f"EnJoY cell failed: {out}")
            elif t == "error":
                raise RuntimeError(f"EnJoY error: {msg}")
            elif t == "finished" and msg.get("cellId") == "c1":
                if msg.get("status") != "ok" or result is None:
                    raise RuntimeError(f"EnJoY cell finished without a result: {msg}")
                return result, at
        raise TimeoutError("EnJoY cell result")

    def close(self):
        try:
            self.ws.close()
        except Exception:
            pass
        self.launch.stop()
        self.log.close()


class ContainerLaunch:
    """A worker container as the Docker backend runs it; memory is read from the container's processes in /proc."""

    def __init__(self, argv, name, log):
        self.t0 = time.perf_counter()
        self.name = name
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=log, check=True, timeout=STEP_TIMEOUT)
        pid = subprocess.run(["docker", "inspect", "-f", "{{.State.Pid}}", name], capture_output=True, text=True,
                             check=True, timeout=STEP_TIMEOUT).stdout.strip()
        self.proc = _Pid(int(pid))

    def stop(self):
        subprocess.run(["docker", "rm", "-f", self.name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)


class _Pid:
    """What the measuring code needs of a process: its pid, and poll() like Popen's (None while alive)."""

    def __init__(self, pid):
        self.pid = pid
        self.returncode = None

    def poll(self):
        return None if os.path.exists(f"/proc/{self.pid}") else 1


class EnjoyImage(Enjoy):
    """The worker image (spawner/image) as the Docker backend starts it: `docker run` with the memory
    limit (-m, and MEM_LIMIT in the environment), the home as a volume, the port on 127.0.0.1."""

    def __init__(self, work, logdir, mem_limit, image, name="EnJoY-image"):
        super().__init__(work, logdir, mem_limit)
        self.image = image
        self.name = name

    def start(self, tag):
        home = self.prepare_home()
        os.chmod(home, 0o777)  # the image runs as uid 1000
        os.chmod(os.path.join(home, NOTEBOOK), 0o666)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}{PREFIX}"
        name = f"enjoy-bench-{uuid.uuid4().hex[:12]}"
        argv = ["docker", "run", "-d", "--name", name, "-m", str(self.mem_limit), "--memory-swap", str(self.mem_limit),
                "-p", f"127.0.0.1:{self.port}:8888", "-v", f"{home}:/home/enjoy",
                "-e", f"JUPYTERHUB_SERVICE_PREFIX={PREFIX}", "-e", f"ENJOY_SERVER_SECRET={SECRET}",
                "-e", f"MEM_LIMIT={self.mem_limit}", self.image]
        self.log = open(os.path.join(self.logdir, f"{re.sub(r'[^a-z0-9.-]+', '_', self.name.lower())}-{tag}.log"), "w")
        self.launch = ContainerLaunch(argv, name, self.log)
        return self.launch


class Jupyter:
    name = "Jupyter"

    def __init__(self, work, logdir):
        self.work, self.logdir = work, logdir

    def start(self, tag):
        home = tempfile.mkdtemp(prefix="jupyter-", dir=self.work)
        nbdir = os.path.join(home, "notebooks")
        os.makedirs(nbdir)
        with open(os.path.join(nbdir, NOTEBOOK), "w") as f:
            f.write(notebook_json("python"))
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}{PREFIX}"
        # A private HOME and Jupyter/IPython dirs: no user config or extensions take part.
        env = {"PATH": "/usr/bin:/bin", "LANG": os.environ.get("LANG", "C.UTF-8"), "HOME": home,
               "JUPYTER_CONFIG_DIR": os.path.join(home, ".jupyter"), "JUPYTER_RUNTIME_DIR": os.path.join(home, "runtime"),
               "JUPYTER_DATA_DIR": os.path.join(home, "data"), "IPYTHONDIR": os.path.join(home, ".ipython")}
        argv = ["/usr/bin/python3", "-m", "notebook", "--no-browser", "--ip=127.0.0.1", f"--port={self.port}",
                "--port-retries=0", f"--NotebookApp.base_url={PREFIX}", f"--NotebookApp.token={SECRET}",
                f"--notebook-dir={nbdir}", "--NotebookApp.open_browser=False"]
        if os.geteuid() == 0:
            argv.append("--allow-root")  # this machine runs the bench as root; EnJoY runs as root too then
        self.log = open(os.path.join(self.logdir, f"jupyter-{tag}.log"), "w")
        self.launch = Launch(argv, env, home, self.log)
        return self.launch

    def headers(self):
        return {"Authorization": f"token {SECRET}"}

    def wait_ready(self):
        wait_until("Jupyter api/status", lambda: http("GET", self.base + "api/status", self.headers(), timeout=2)[0] == 200,
                   proc=self.launch.proc)

    def open_kernel(self):
        # What opening the notebook in the classic UI does: a session for the file, then the kernel channels.
        _, body = http("POST", self.base + "api/sessions", self.headers(),
                       {"path": NOTEBOOK, "type": "notebook", "name": NOTEBOOK, "kernel": {"name": "python3"}},
                       timeout=STEP_TIMEOUT)
        kernel_id = json.loads(body)["kernel"]["id"]
        self.session = uuid.uuid4().hex
        url = f"ws://127.0.0.1:{self.port}{PREFIX}api/kernels/{kernel_id}/channels?session_id={self.session}"
        self.ws = websocket.create_connection(url, header=[f"Authorization: token {SECRET}"], timeout=STEP_TIMEOUT)

    def run_cell(self):
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "username": "bench", "session": self.session, "msg_type": "execute_request",
                       "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": CELL, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        result, replied, idle = None, False, False
        deadline = time.monotonic() + STEP_TIMEOUT
        while time.monotonic() < deadline:
            raw = self.ws.recv()
            if isinstance(raw, bytes):
                continue  # binary frames carry buffers only; not used by this cell
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            t = msg.get("msg_type")
            if t == "execute_result":
                result, at = msg["content"]["data"]["text/plain"], time.perf_counter()
            elif t == "error":
                raise RuntimeError(f"Jupyter cell failed: {msg['content']}")
            elif t == "execute_reply":
                if msg["content"].get("status") != "ok":
                    raise RuntimeError(f"Jupyter cell failed: {msg['content']}")
                replied = True
            elif t == "status" and msg["content"].get("execution_state") == "idle":
                idle = True
            # shell (reply) and iopub (result, idle) are separate streams: done when both have ended
            if replied and idle:
                if result is None:
                    raise RuntimeError("Jupyter cell finished without a result")
                return result, at
        raise TimeoutError("Jupyter cell result")

    def close(self):
        try:
            self.ws.close()
        except Exception:
            pass
        self.launch.stop()
        self.log.close()


# ---------------------------------------------------------------- measurements

def measure_idle(system, tag, settle):
    launch = system.start(tag)
    try:
        system.ws = None
        system.wait_ready()
        time.sleep(settle)
        return tree_memory_kib(launch.proc.pid)
    finally:
        system.close()


def measure_kernel(system, tag, settle, latency_runs):
    launch = system.start(tag)
    try:
        system.ws = None
        system.wait_ready()
        ready = time.perf_counter() - launch.t0
        system.open_kernel()
        result, at = system.run_cell()
        first = at - launch.t0
        cpu = tree_cpu_s(launch.proc.pid)
        if result.strip() != "2":
            raise RuntimeError(f"{system.name}: 1+1 gave {result!r}")
        time.sleep(settle)
        mem = tree_memory_kib(launch.proc.pid)
        for _ in range(3):  # warm-up, not counted
            system.run_cell()
        rtts, to_result = [], []
        for _ in range(latency_runs):
            t = time.perf_counter()
            _, at = system.run_cell()
            rtts.append((time.perf_counter() - t) * 1000)
            to_result.append((at - t) * 1000)
        return {"ready_s": ready, "first_s": first, "cpu_first_s": cpu, "mem": mem, "rtt_ms": rtts, "result_ms": to_result}
    finally:
        system.close()


def measure_many(system, n, settle, with_kernel):
    """n servers of one kind started side by side, idle or each with its kernel after one `1+1`
    (with_kernel): what each adds to the host. Returns (PSS summed over all their process trees / n,
    host_memory_kib of all of them / n), in KiB. Shared file pages (the JVM, class-data archives
    and AOT caches, Python's libraries) count once for all n, as on a course host running many
    servers of the same image. (The host's used memory before and after was tried first: on a
    machine shared with builds it moved by ±100 MiB per server, more than it measured.)"""
    started = []  # (launch, log, ws) of every server, so each is stopped whatever happens
    try:
        for i in range(n):
            system.ws = None
            launch = system.start(f"many-{'kernel' if with_kernel else 'idle'}-{i}")
            started.append([launch, system.log, None])
            system.wait_ready()
            if with_kernel:
                system.open_kernel()
                started[-1][2] = system.ws
                system.run_cell()
        time.sleep(settle)
        pss = sum(tree_memory_kib(launch.proc.pid)[1] for launch, _, _ in started)
        host = host_memory_kib([launch.proc.pid for launch, _, _ in started])
        return pss / n, host / n
    finally:
        for launch, log, ws in started:
            if ws is not None:
                try:
                    ws.close()
                except Exception:
                    pass
            launch.stop()
            log.close()


def parse_size(text):
    """512m, 1g or bytes, as spawner.mem_limit is written."""
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
    t = text.strip().lower()
    return int(t[:-1]) * units[t[-1]] if t and t[-1] in units else int(t)


def median(xs):
    return statistics.median(xs)


def p95(xs):
    s = sorted(xs)
    return s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]


def main():
    rounds = int(os.environ.get("ROUNDS", "3"))
    settle = float(os.environ.get("SETTLE", "5"))
    runs = int(os.environ.get("LATENCY_RUNS", "50"))
    out_dir = os.environ.get("OUT", os.path.join(ROOT, "bench/out/worker"))
    os.makedirs(out_dir, exist_ok=True)
    work = tempfile.mkdtemp(prefix="enjoy-bench-")
    mem_limit = parse_size(os.environ.get("MEM_LIMIT", "1g"))
    systems = [Enjoy(work, out_dir, mem_limit), Jupyter(work, out_dir)]
    images = [i for i in os.environ.get("IMAGE", "enjoy/worker:latest").split(",") if i]
    for i, image in enumerate(images):  # the first is "EnJoY-image"; more (to compare builds) are named by their tag
        systems.append(EnjoyImage(work, out_dir, mem_limit, image, "EnJoY-image" if i == 0 else f"EnJoY-image({image})"))
    many = int(os.environ.get("MANY", "8"))
    raw = {s.name: {"idle": [], "kernel": [], "many": None, "many_kernel": None} for s in systems}
    raw["load"] = []  # 1-minute load average after each measurement: the machine may be shared
    print(f"worker JVM flags: {' '.join(systems[0].flags)}", flush=True)
    try:
        for s in systems:  # warm the page cache once per system; not counted
            print(f"warm-up {s.name}", flush=True)
            measure_kernel(s, "warmup", 0, 1)
        for r in range(rounds):
            order = systems if r % 2 == 0 else systems[::-1]  # first and last swap each round
            for s in order:
                idle = measure_idle(s, f"idle-{r}", settle)
                raw[s.name]["idle"].append(idle)
                k = measure_kernel(s, f"kernel-{r}", settle, runs)
                raw[s.name]["kernel"].append(k)
                print(f"round {r + 1}/{rounds} {s.name:9s} idle PSS {idle[1] / 1024:6.1f} MiB (RSS {idle[0] / 1024:6.1f}, {idle[2]} procs)"
                      f" | +kernel PSS {k['mem'][1] / 1024:6.1f} MiB (RSS {k['mem'][0] / 1024:6.1f}, {k['mem'][2]} procs)"
                      f" | ready {k['ready_s']:.2f} s first result {k['first_s']:.2f} s (CPU {k['cpu_first_s']:.2f} s)"
                      f" | result {median(k['result_ms']):.1f} ms, done median {median(k['rtt_ms']):.1f} ms p95 {p95(k['rtt_ms']):.1f} ms"
                      f" | load {os.getloadavg()[0]:.1f}", flush=True)
                raw["load"].append(os.getloadavg()[0])
        if many > 0:
            for with_kernel in (False, True):
                what = "with a kernel after `1+1`" if with_kernel else "idle"
                for s in systems:
                    pss, host = measure_many(s, many, settle, with_kernel)
                    raw[s.name]["many_kernel" if with_kernel else "many"] = {"n": many, "pss_kib": pss, "host_kib": host}
                    print(f"{many} {s.name} servers side by side, {what}: PSS {pss / 1024:6.1f} MiB per server,"
                          f" host memory {host / 1024:6.1f} MiB per server | load {os.getloadavg()[0]:.1f}", flush=True)
                    raw["load"].append(os.getloadavg()[0])
    finally:
        for s in systems:
            launch = getattr(s, "launch", None)
            if launch is not None:
                launch.stop()
        shutil.rmtree(work, ignore_errors=True)

    def summary(name):
        d = raw[name]
        all_rtt = [x for k in d["kernel"] for x in k["rtt_ms"]]
        all_res = [x for k in d["kernel"] for x in k["result_ms"]]
        return {
            "idle_pss": median([m[1] for m in d["idle"]]) / 1024, "idle_rss": median([m[0] for m in d["idle"]]) / 1024,
            "kernel_pss": median([k["mem"][1] for k in d["kernel"]]) / 1024,
            "kernel_rss": median([k["mem"][0] for k in d["kernel"]]) / 1024,
            "ready_s": median([k["ready_s"] for k in d["kernel"]]),
            "first_s": median([k["first_s"] for k in d["kernel"]]),
            "first_max_s": max(k["first_s"] for k in d["kernel"]),
            "rtt_median_ms": median(all_rtt), "rtt_p95_ms": p95(all_rtt),
            "res_median_ms": median(all_res), "res_p95_ms": p95(all_res),
            "many_pss": d["many"]["pss_kib"] / 1024 if d["many"] else float("nan"),
            "many_host": d["many"]["host_kib"] / 1024 if d["many"] else float("nan"),
            "many_k_pss": d["many_kernel"]["pss_kib"] / 1024 if d["many_kernel"] else float("nan"),
            "many_k_host": d["many_kernel"]["host_kib"] / 1024 if d["many_kernel"] else float("nan"),
            "cpu_first_s": median([k["cpu_first_s"] for k in d["kernel"]]),
        }

    j = summary("Jupyter")
    enjoys = [(s.name, summary(s.name)) for s in systems if s.name != "Jupyter"]
    rows = [  # label, key, format, target, check(enjoy value, jupyter value) or None
        ("idle server, PSS (MiB)", "idle_pss", "{:.1f}", "≤ 0.5×", lambda x, y: x <= 0.5 * y),
        ("idle server, RSS (MiB)", "idle_rss", "{:.1f}", "", None),
        ("server + kernel after `1+1`, PSS (MiB)", "kernel_pss", "{:.1f}", "≤ 1.0×", lambda x, y: x <= y),
        ("server + kernel after `1+1`, RSS (MiB)", "kernel_rss", "{:.1f}", "", None),
        ("start → server ready (s)", "ready_s", "{:.2f}", "", None),
        ("start → first cell result (s)", "first_s", "{:.2f}", "≤ 1.5 s", lambda x, y: x <= 1.5),
        ("start → first cell result, worst round (s)", "first_max_s", "{:.2f}", "", None),
        ("CPU time of server + kernel until the first result (s)", "cpu_first_s", "{:.2f}", "", None),
        ("trivial cell: send → result shown, median (ms)", "res_median_ms", "{:.1f}", "", None),
        ("trivial cell: send → result shown, p95 (ms)", "res_p95_ms", "{:.1f}", "", None),
        ("trivial cell: send → cell finished, median (ms)", "rtt_median_ms", "{:.1f}", "", None),
        ("trivial cell: send → cell finished, p95 (ms)", "rtt_p95_ms", "{:.1f}", "", None),
    ]
    if many > 0:  # not the single-server target: on a host running many servers shared pages count once
        rows += [
            (f"{many} idle servers side by side: PSS per server (MiB)", "many_pss", "{:.1f}", "(not a target)", None),
            (f"{many} idle servers side by side: host memory per server, shared file pages once (MiB)", "many_host", "{:.1f}", "(not a target)", None),
            (f"{many} servers with a kernel after `1+1` side by side: PSS per server (MiB)", "many_k_pss", "{:.1f}", "(not a target)", None),
            (f"{many} servers with a kernel after `1+1` side by side: host memory per server, shared file pages once (MiB)", "many_k_host", "{:.1f}", "(not a target)", None),
        ]
    head = "| metric | Jupyter 6.4 | " + " | ".join(f"{n} | {n}/Jupyter | met" for n, _ in enjoys) + " | target |"
    lines = [head, "|---|---:|" + "---:|---:|---|" * len(enjoys) + "---|"]
    for label, key, fmt, target, check in rows:
        cells = []
        for _, e in enjoys:
            ratio = e[key] / j[key] if j[key] else float("nan")
            met = "" if check is None else ("yes" if check(e[key], j[key]) else "**no**")
            cells.append(f"{fmt.format(e[key])} | {ratio:.2f}× | {met}")
        lines.append(f"| {label} | {fmt.format(j[key])} | " + " | ".join(cells) + f" | {target} |")
    table = "\n".join(lines)
    print()
    print(f"medians over {rounds} rounds (alternating order), {runs} round trips per round; memory summed over each server's process tree;"
          f" {os.cpu_count()} CPUs, 1-min load average during the run {min(raw['load']):.1f}–{max(raw['load']):.1f}")
    print(table)
    with open(os.path.join(out_dir, "results.md"), "w") as f:
        f.write(table + "\n")
    with open(os.path.join(out_dir, "raw.json"), "w") as f:
        json.dump(raw, f, indent=1)


if __name__ == "__main__":
    # SIGTERM/SIGINT unwind through the finally blocks, which stop every server started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    main()
