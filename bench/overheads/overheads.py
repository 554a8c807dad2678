#!/usr/bin/python3
"""Python peers of `braid bench overheads`: threading, multiprocessing, asyncio and greenlet.

Prints one JSON object: {"peer": "python", "subjects": [{"subject", "createJoinUs": [[n, us_per_unit], ...],
"memoryBytes", "memoryMethod", "switchUs"}], "notes": [...]}. Run with Debian's /usr/bin/python3 (greenlet comes
from python3-greenlet, see bench/install-peers.sh). A missing module is a note, never a failure.
"""
import asyncio
import json
import multiprocessing
import os
import sys
import threading
import time
import tracemalloc

QUICK = "--quick" in sys.argv
SCALES = [10, 100, 1000] if QUICK else [10, 100, 1000, 10000]


def rss(pid="self"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def pss(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def noop():
    pass


def per_unit(seconds, n):
    return seconds * 1e6 / n


# --- threading -------------------------------------------------------------------------------------------------
def threading_subject():
    points = []
    for n in SCALES:
        start = time.perf_counter()
        threads = [threading.Thread(target=noop) for _ in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        points.append([n, per_unit(time.perf_counter() - start, n)])

    n = 1000
    release = threading.Event()
    before = rss()
    threads = [threading.Thread(target=release.wait) for _ in range(n)]
    for t in threads:
        t.start()
    after = rss()
    release.set()
    for t in threads:
        t.join()

    # Ping-pong through two locks used as binary semaphores: each acquire is a kernel wait.
    rounds = 5000 if QUICK else 50000
    ping, pong = threading.Lock(), threading.Lock()
    ping.acquire()
    pong.acquire()

    def other():
        for _ in range(rounds):
            ping.acquire()
            pong.release()

    t = threading.Thread(target=other)
    t.start()
    start = time.perf_counter()
    for _ in range(rounds):
        ping.release()
        pong.acquire()
    elapsed = time.perf_counter() - start
    t.join()
    return {"subject": "python threading", "createJoinUs": points, "memoryBytes": (after - before) / n,
            "memoryMethod": "RSS delta", "switchUs": elapsed * 1e6 / (2 * rounds)}


# --- multiprocessing ---------------------------------------------------------------------------------------------
def park(conn):
    conn.recv_bytes()


def echo(conn):
    while True:
        data = conn.recv_bytes()
        if not data:
            return
        conn.send_bytes(data)


def multiprocessing_subject():
    ctx = multiprocessing.get_context("fork")
    points = []
    for n in [10, 100] if QUICK else [10, 100, 1000]:
        start = time.perf_counter()
        procs = [ctx.Process(target=noop) for _ in range(n)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        points.append([n, per_unit(time.perf_counter() - start, n)])

    n = 20 if QUICK else 100
    pipes = [ctx.Pipe() for _ in range(n)]
    procs = [ctx.Process(target=park, args=(child,)) for _, child in pipes]
    for p in procs:
        p.start()
    time.sleep(0.2)  # let the children reach their wait (memory, not timing, is measured here)
    total_rss = sum(rss(p.pid) for p in procs)
    pss_values = [pss(p.pid) for p in procs]
    for parent, _ in pipes:
        parent.send_bytes(b"x")
    for p in procs:
        p.join()

    rounds = 2000 if QUICK else 20000
    parent, child = ctx.Pipe()
    p = ctx.Process(target=echo, args=(child,))
    p.start()
    parent.send_bytes(b"w")
    parent.recv_bytes()
    start = time.perf_counter()
    for _ in range(rounds):
        parent.send_bytes(b"x")
        parent.recv_bytes()
    elapsed = time.perf_counter() - start
    parent.send_bytes(b"")
    p.join()
    subject = {"subject": "python multiprocessing (fork)", "createJoinUs": points, "memoryBytes": total_rss / n,
               "memoryMethod": "child RSS", "switchUs": elapsed * 1e6 / (2 * rounds)}
    if all(v is not None for v in pss_values):
        subject["pssBytes"] = sum(pss_values) / n
    return subject


# --- asyncio -----------------------------------------------------------------------------------------------------
async def anoop():
    pass


async def asyncio_main():
    points = []
    for n in SCALES:
        start = time.perf_counter()
        await asyncio.gather(*[asyncio.create_task(anoop()) for _ in range(n)])
        points.append([n, per_unit(time.perf_counter() - start, n)])

    n = 10000
    gate = asyncio.Event()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    tasks = [asyncio.create_task(gate.wait()) for _ in range(n)]
    await asyncio.sleep(0)  # every task runs to its wait
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    gate.set()
    await asyncio.gather(*tasks)

    rounds = 20000 if QUICK else 200000
    loop = asyncio.get_running_loop()
    box = {}

    async def other():
        for _ in range(rounds):
            box["ping"] = loop.create_future()
            await box["ping"]
            box["pong"].set_result(None)

    box["pong"] = None
    t = asyncio.create_task(other())
    await asyncio.sleep(0)
    start = time.perf_counter()
    for _ in range(rounds):
        box["pong"] = loop.create_future()
        box["ping"].set_result(None)
        await box["pong"]
    elapsed = time.perf_counter() - start
    await t
    return {"subject": "python asyncio task", "createJoinUs": points, "memoryBytes": (after - before) / n,
            "memoryMethod": "allocated bytes", "switchUs": elapsed * 1e6 / (2 * rounds)}


# --- greenlet ----------------------------------------------------------------------------------------------------
def greenlet_subject():
    from greenlet import greenlet, getcurrent

    points = []
    for n in SCALES:
        start = time.perf_counter()
        glets = [greenlet(noop) for _ in range(n)]
        for g in glets:
            g.switch()
        points.append([n, per_unit(time.perf_counter() - start, n)])

    n = 10000
    main = getcurrent()
    before = rss()
    parked = [greenlet(lambda: main.switch()) for _ in range(n)]
    for g in parked:
        g.switch()  # runs until it switches back: parked with its own stack slice
    after = rss()
    for g in parked:
        g.switch()

    rounds = 20000 if QUICK else 200000

    def pinger():
        for _ in range(rounds):
            ponger_g.switch()

    def ponger():
        while True:
            pinger_g.switch()

    pinger_g, ponger_g = greenlet(pinger), greenlet(ponger)
    start = time.perf_counter()
    pinger_g.switch()
    elapsed = time.perf_counter() - start
    return {"subject": "python greenlet", "createJoinUs": points, "memoryBytes": (after - before) / n,
            "memoryMethod": "RSS delta", "switchUs": elapsed * 1e6 / (2 * rounds)}


def main():
    subjects, notes = [], []
    for name, run in [("threading", threading_subject), ("multiprocessing", multiprocessing_subject),
                      ("asyncio", lambda: asyncio.run(asyncio_main())), ("greenlet", greenlet_subject)]:
        try:
            subjects.append(run())
        except ImportError as e:
            notes.append(f"python {name}: not installed ({e}); run bench/install-peers.sh")
        except Exception as e:  # a peer that fails is a note: the suite goes on
            notes.append(f"python {name}: failed: {type(e).__name__}: {e}")
    notes.append(f"python {sys.version.split()[0]} at {sys.executable}")
    json.dump({"peer": "python", "subjects": subjects, "notes": notes}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
