#!/usr/bin/env python3
"""Sweep comparison: cloudwarden's security-group audit against Cloud Custodian's, on the same emulator data.

Run by bench/run (which installs the tools and builds the jar); runs with the Python of the c7n venv, whose boto3
seeds the estate. For each size: seed a fresh moto server with N security groups of a realistic mix, then run each
tool --runs times, interleaved (the order alternates each round), every run a fresh process as a scheduled sweep
would be: wall time, the tool process's own CPU time (user + sys, its children included) and peak RSS from
os.wait4, and the API calls it made from moto's recorder. The sets of groups each tool flags are compared first:
figures of tools that disagree would mean nothing, so every difference is printed with the group's rules.
"""
import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import boto3

from seed import seed_security_groups

REGION = "us-east-1"
HERE = Path(__file__).resolve().parent
C7N_POLICY = HERE / "policies" / "c7n-security-groups.yml"
CLOUDWARDEN_POLICY = HERE / "policies" / "cloudwarden-security-groups.yaml"
C7N_POLICY_NAME = "sg-sensitive-ports-open-to-internet"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_DEFAULT_REGION": REGION,
               "AWS_REGION": REGION}


# ---- the emulator ---------------------------------------------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def moto_server(venv):
    """A moto server on a free loopback port, stopped on the way out whatever happens."""
    port = free_port()
    env = dict(os.environ, MOTO_EC2_LOAD_DEFAULT_AMIS="false")
    log = tempfile.TemporaryFile()
    process = subprocess.Popen([str(Path(venv) / "bin" / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
                               env=env, stdout=log, stderr=subprocess.STDOUT)
    endpoint = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):  # 30 s at most
            try:
                urllib.request.urlopen(endpoint + "/moto-api/", timeout=1).read()
                break
            except OSError:
                if process.poll() is not None:
                    log.seek(0)
                    sys.exit("moto server exited at start:\n" + log.read().decode(errors="replace"))
                time.sleep(0.1)
        else:
            sys.exit("moto server did not answer within 30 s")
        yield endpoint
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def moto_api(endpoint, path, data=b""):
    return urllib.request.urlopen(urllib.request.Request(endpoint + path, data=data, method="POST" if data is not None else "GET"),
                                  timeout=600).read()


def recorded_calls(endpoint):
    """The requests moto recorded since the last reset of its recorder."""
    lines = urllib.request.urlopen(endpoint + "/moto-api/recorder/download-recording", timeout=600).read().decode().splitlines()
    return len([line for line in lines if line.strip()])


# ---- the estate: bench/seed.py ------------------------------------------------------------------------------

def rules_of(endpoint, group_ids):
    ec2 = boto3.client("ec2", endpoint_url=endpoint, region_name=REGION, aws_access_key_id="bench",
                       aws_secret_access_key="bench")
    groups = ec2.describe_security_groups(GroupIds=list(group_ids))["SecurityGroups"]
    return {g["GroupId"]: (g["GroupName"], g["IpPermissions"]) for g in groups}


# ---- the two tools --------------------------------------------------------------------------------------------

def measured(command, env):
    """Runs command to its end; wall seconds, CPU seconds (user + sys, with its children) and peak RSS from wait4."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        process = subprocess.Popen(command, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mib": usage.ru_maxrss / 1024,
                "exit": process.returncode, "stdout": out.read().decode(errors="replace"),
                "stderr": err.read().decode(errors="replace")}


def run_cloudwarden(java, flags, jar, endpoint):
    command = [java, *flags, "-jar", jar, "run", "--policy", str(CLOUDWARDEN_POLICY),
               "--operation", "security-group-audit", "--dry-run", "--endpoint", endpoint, "--region", REGION]
    result = measured(command, dict(os.environ, **CREDENTIALS))
    if result["exit"] != 0:
        sys.exit(f"cloudwarden failed (exit {result['exit']}):\n{result['stderr']}")
    report = json.loads(result["stdout"])
    result["flagged"] = {f["resource"]["id"] for f in report["findings"] if f["check"] == "firewall.ingress-open-to-internet"}
    return result


def run_c7n(c7n_venv, endpoint):
    with tempfile.TemporaryDirectory() as output:
        command = [str(Path(c7n_venv) / "bin" / "custodian"), "run", "--dryrun", "--cache-period", "0",
                   "--region", REGION, "-s", output, str(C7N_POLICY)]
        result = measured(command, dict(os.environ, AWS_ENDPOINT_URL=endpoint, **CREDENTIALS))
        resources = Path(output) / C7N_POLICY_NAME / "resources.json"
        if result["exit"] != 0 or not resources.exists():
            sys.exit(f"c7n failed (exit {result['exit']}):\n{result['stderr']}")
        result["flagged"] = {g["GroupId"] for g in json.loads(resources.read_text())}
    return result


# ---- one size -------------------------------------------------------------------------------------------------

def compare_at(size, args):
    with moto_server(args.moto_venv) as endpoint:
        print(f"== {size} security groups: seeding…", file=sys.stderr)
        seeded_at = time.monotonic()
        kinds = seed_security_groups(endpoint, size)
        print(f"  seeded in {time.monotonic() - seeded_at:.0f} s", file=sys.stderr)
        tools = {"cloudwarden": lambda: run_cloudwarden(args.java, args.java_flag, args.jar, endpoint),
                 "c7n": lambda: run_c7n(args.c7n_venv, endpoint)}
        runs = {name: [] for name in tools}
        for name, run in tools.items():  # one unmeasured run each: disk caches, Python bytecode
            run()
        for round_ in range(args.runs):
            order = list(tools) if round_ % 2 == 0 else list(reversed(tools))
            for name in order:
                moto_api(endpoint, "/moto-api/recorder/reset-recording")
                moto_api(endpoint, "/moto-api/recorder/start-recording")
                result = tools[name]()
                moto_api(endpoint, "/moto-api/recorder/stop-recording")
                result["calls"] = recorded_calls(endpoint)
                runs[name].append(result)
                print(f"  {name:<11} run {round_ + 1}: {result['wall']:.2f} s wall, {result['cpu']:.2f} s CPU, "
                      f"{result['rss_mib']:.0f} MiB, {result['calls']} calls", file=sys.stderr)
        differences = difference(endpoint, runs)
    return summarise(size, runs, kinds, differences)


def difference(endpoint, runs):
    """What one tool flags and the other does not, with each group's rules; flags must not vary between runs."""
    flagged = {}
    for name, results in runs.items():
        sets = {frozenset(r["flagged"]) for r in results}
        if len(sets) != 1:
            sys.exit(f"{name} flagged different groups in different runs of the same data")
        flagged[name] = set(next(iter(sets)))
    only = {"cloudwarden": flagged["cloudwarden"] - flagged["c7n"], "c7n": flagged["c7n"] - flagged["cloudwarden"]}
    details = {}
    for name, ids in only.items():
        if ids:
            details[name] = {gid: {"name": n, "ingress": perms} for gid, (n, perms) in rules_of(endpoint, sorted(ids)[:20]).items()}
    return {"flagged": {k: len(v) for k, v in flagged.items()}, "both": len(flagged["cloudwarden"] & flagged["c7n"]),
            "only": {k: len(v) for k, v in only.items()}, "examples": details}


def stats(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def summarise(size, runs, kinds, differences):
    tools = {}
    for name, results in runs.items():
        tools[name] = {"wall_s": stats([r["wall"] for r in results]), "cpu_s": stats([r["cpu"] for r in results]),
                       "peak_rss_mib": stats([r["rss_mib"] for r in results]),
                       "api_calls": stats([r["calls"] for r in results])}
    ratio = {key: tools["cloudwarden"][key]["median"] / tools["c7n"][key]["median"]
             for key in ("wall_s", "cpu_s", "peak_rss_mib") if tools["c7n"][key]["median"]}
    return {"groups": size, "kinds": {k: len(v) for k, v in kinds.items()}, "tools": tools,
            "ratio_cloudwarden_to_c7n": ratio, "correctness": differences}


# ---- report ---------------------------------------------------------------------------------------------------

def print_table(results):
    print(f"{'groups':>7}  {'tool':<11} {'wall s (median, min-max)':>26} {'CPU s':>7} {'peak RSS MiB':>13} {'API calls':>10}")
    for r in results:
        for name, t in r["tools"].items():
            w = t["wall_s"]
            print(f"{r['groups']:>7}  {name:<11} {w['median']:>10.2f} ({w['min']:.2f}-{w['max']:.2f})"
                  f"{'':>4} {t['cpu_s']['median']:>7.2f} {t['peak_rss_mib']['median']:>13.0f} {t['api_calls']['median']:>10.0f}")
        q = r["ratio_cloudwarden_to_c7n"]
        print(f"{r['groups']:>7}  {'ratio cw/c7n':<11} {q.get('wall_s', 0):>26.2f} {q.get('cpu_s', 0):>7.2f} {q.get('peak_rss_mib', 0):>13.2f}")
        c = r["correctness"]
        print(f"{'':>7}  flagged: cloudwarden {c['flagged']['cloudwarden']}, c7n {c['flagged']['c7n']}, both {c['both']}; "
              f"only cloudwarden {c['only']['cloudwarden']}, only c7n {c['only']['c7n']}")
        for name, groups in c["examples"].items():
            for gid, g in list(groups.items())[:5]:
                print(f"{'':>9}only {name}: {gid} {g['name']} {json.dumps(g['ingress'], default=str)[:300]}")


def versions(args):
    java = subprocess.run([args.java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    c7n = subprocess.run([str(Path(args.c7n_venv) / "bin" / "custodian"), "version"], capture_output=True, text=True).stdout.strip()
    moto = subprocess.run([str(Path(args.moto_venv) / "bin" / "python"), "-c", "import moto; print(moto.__version__)"],
                          capture_output=True, text=True).stdout.strip()
    return {"java": java, "c7n": c7n, "moto": moto, "python": platform.python_version()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", default="100", help="comma-separated sizes, e.g. 1000,10000 (the goal sizes)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--java", required=True)
    parser.add_argument("--java-flag", action="append", default=[], help="a JVM flag, as ./cloudwarden uses them")
    parser.add_argument("--jar", required=True, help="functions/cli/target/cloudwarden-cli.jar")
    parser.add_argument("--c7n-venv", required=True)
    parser.add_argument("--moto-venv", required=True)
    args = parser.parse_args()

    results = [compare_at(int(size), args) for size in args.groups.split(",")]
    print_table(results)
    now = datetime.now(timezone.utc)
    document = {"date": now.isoformat(timespec="seconds"), "benchmark": "security-group sweep, dry-run",
                "machine": {"host": socket.gethostname(), "cpus": os.cpu_count(), "arch": platform.machine(),
                            "kernel": platform.release()},
                "versions": versions(args), "java_flags": args.java_flag, "runs": args.runs, "results": results}
    out = HERE / "results" / f"sweep-{now:%Y-%m-%dT%H%M%SZ}.json"
    out.write_text(json.dumps(document, indent=2, default=str) + "\n")
    print(f"written: {out.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
