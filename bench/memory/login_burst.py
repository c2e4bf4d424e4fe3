#!/usr/bin/env python3
"""RSS of a chat-server across a burst of logins (issue 23, goal 2).

Starts the server (memory store, rate limits off, any free port), reads
VmRSS fresh, signs up USERS accounts, logs in LOGINS times from
CONCURRENCY clients, and prints VmRSS after the burst and every 10 s for
WAIT seconds. Usage:

    bench/memory/login_burst.py SERVER_BIN [--logins 1000] [--users 100]
        [--concurrency 32] [--wait 60] [-- extra server args]

Environment variables (MALLOC_ARENA_MAX, ...) reach the server unchanged.
"""
import argparse, json, subprocess, sys, threading, time, urllib.request
from concurrent.futures import ThreadPoolExecutor

def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")

def post(base, path, body):
    req = urllib.request.Request(base + path, data=json.dumps(body).encode(),
                                 headers={"content-type": "application/json"}, method="POST")
    with urllib.request.urlopen(req, timeout=120) as r:
        return r.status

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("server_bin")
    ap.add_argument("--logins", type=int, default=1000)
    ap.add_argument("--users", type=int, default=100)
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--wait", type=int, default=60)
    ap.add_argument("extra", nargs="*")
    a = ap.parse_args()
    srv = subprocess.Popen([a.server_bin, "--storage", "memory", "--listen", "127.0.0.1:0",
                            "--rate-limits", "off", *a.extra],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        base = None
        for line in srv.stdout:
            if line.startswith("{") and "listening" in line:
                base = "http://" + json.loads(line)["listening"]
                break
        threading.Thread(target=lambda: [None for _ in srv.stdout], daemon=True).start()
        time.sleep(1)
        fresh = rss_mb(srv.pid)
        print(f"fresh: {fresh:.1f} MB", flush=True)
        pw = "correct horse battery"
        names = [f"burst{i}" for i in range(a.users)]
        with ThreadPoolExecutor(a.concurrency) as ex:
            list(ex.map(lambda n: post(base, "/auth/signup", {"username": n, "password": pw}), names))
        after_signup = rss_mb(srv.pid)
        print(f"after {a.users} sign-ups: {after_signup:.1f} MB", flush=True)
        t0 = time.time()
        with ThreadPoolExecutor(a.concurrency) as ex:
            statuses = list(ex.map(lambda i: post(base, "/auth/login",
                                                  {"username": names[i % a.users], "password": pw}),
                                   range(a.logins)))
        dt = time.time() - t0
        ok = sum(1 for s in statuses if s == 200)
        burst = rss_mb(srv.pid)
        print(f"after {a.logins} logins ({ok} ok, {a.concurrency} concurrent, {dt:.1f} s, "
              f"{a.logins/dt:.1f}/s): {burst:.1f} MB (+{burst-fresh:.1f} over fresh)", flush=True)
        for t in range(10, a.wait + 1, 10):
            time.sleep(10)
            now = rss_mb(srv.pid)
            print(f"  +{t} s: {now:.1f} MB (+{now-fresh:.1f} over fresh, "
                  f"{100*(now-fresh)/fresh:.0f} % of fresh)", flush=True)
        print(json.dumps({"fresh_mb": fresh, "after_signup_mb": after_signup, "burst_mb": burst,
                          "later_mb": now, "logins": a.logins, "ok": ok, "seconds": dt}))
    finally:
        srv.terminate()
        srv.wait()

if __name__ == "__main__":
    sys.exit(main())
