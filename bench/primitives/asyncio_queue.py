"""asyncio.Queue measured the way `braid bench primitives` measures Braid's channels: producers put N ints in total
into one queue (maxsize 1024) and consumers sum them. Prints JSON: items per second, best of 3.
Usage: python3 asyncio_queue.py N"""
import asyncio
import json
import sys
import time


async def run(n, capacity, producers, consumers):
    queue = asyncio.Queue(capacity)
    sums = []

    async def produce(first):
        for i in range(first, n, producers):
            await queue.put(i)

    async def consume():
        total = 0
        while True:
            item = await queue.get()
            if item is None:
                break
            total += item
        sums.append(total)

    start = time.perf_counter()
    workers = [asyncio.create_task(consume()) for _ in range(consumers)]
    await asyncio.gather(*(produce(p) for p in range(producers)))
    for _ in range(consumers):
        await queue.put(None)
    await asyncio.gather(*workers)
    elapsed = time.perf_counter() - start
    assert sum(sums) == n * (n - 1) // 2
    return n / elapsed


def best(n, capacity, producers, consumers):
    return max(asyncio.run(run(n, capacity, producers, consumers)) for _ in range(3))


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    print(json.dumps({"queue_1p1c": best(n, 1024, 1, 1), "queue_4p4c": best(n, 1024, 4, 4)}))
