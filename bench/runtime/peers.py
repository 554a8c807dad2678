"""Runtime peers for `braid bench runtime`: ping-pong switch and spawn+join in asyncio, trio and greenlet.

Usage: python3 peers.py asyncio|trio|greenlet ROUNDS SPAWNS   -> prints one JSON line:
{"peer": ..., "switch_ns": ..., "spawn_join_ns": ...}
Each figure is the best of three runs.
"""
import json
import sys
import time


def best(run, repeats=3):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_asyncio(rounds, spawns):
    import asyncio

    async def yield_many(n):
        for _ in range(n):
            await asyncio.sleep(0)

    async def pingpong():
        await asyncio.gather(yield_many(rounds), yield_many(rounds))

    async def child():
        await asyncio.sleep(0)
        return 1

    async def spawn_join():
        tasks = [asyncio.ensure_future(child()) for _ in range(spawns)]
        total = 0
        for t in tasks:
            total += await t
        assert total == spawns

    switch = best(lambda: asyncio.run(pingpong())) / (2 * rounds)
    spawn = best(lambda: asyncio.run(spawn_join())) / spawns
    return switch, spawn


def bench_trio(rounds, spawns):
    import trio

    async def yield_many(n):
        for _ in range(n):
            await trio.lowlevel.checkpoint()

    async def pingpong():
        async with trio.open_nursery() as nursery:
            nursery.start_soon(yield_many, rounds)
            nursery.start_soon(yield_many, rounds)

    async def child():
        await trio.lowlevel.checkpoint()

    async def spawn_join():
        async with trio.open_nursery() as nursery:
            for _ in range(spawns):
                nursery.start_soon(child)

    switch = best(lambda: trio.run(pingpong)) / (2 * rounds)
    spawn = best(lambda: trio.run(spawn_join)) / spawns
    return switch, spawn


def bench_greenlet(rounds, spawns):
    from greenlet import greenlet

    def pingpong():
        def run_a():
            for _ in range(rounds):
                b.switch()

        def run_b():
            for _ in range(rounds):
                a.switch()

        a = greenlet(run_a)
        b = greenlet(run_b)
        a.switch()

    def spawn_join():
        total = 0
        children = [greenlet(lambda: 1) for _ in range(spawns)]
        for g in children:
            total += g.switch()
        assert total == spawns

    switch = best(pingpong) / (2 * rounds)
    spawn = best(spawn_join) / spawns
    return switch, spawn


def main():
    peer, rounds, spawns = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    switch, spawn = {"asyncio": bench_asyncio, "trio": bench_trio, "greenlet": bench_greenlet}[peer](rounds, spawns)
    print(json.dumps({"peer": peer, "switch_ns": switch * 1e9, "spawn_join_ns": spawn * 1e9}))


if __name__ == "__main__":
    main()
