"""trio's memory channels measured the way `braid bench primitives` measures Braid's: producers send N ints in
total through one channel (buffer 1024) to consumers that sum them. Prints JSON: items per second, best of 3.
Usage: python3 trio_channel.py N"""
import json
import sys
import time

import trio


async def run(n, capacity, producers, consumers):
    send, receive = trio.open_memory_channel(capacity)
    sums = []

    async def produce(channel, first):
        async with channel:
            for i in range(first, n, producers):
                await channel.send(i)

    async def consume(channel):
        total = 0
        async with channel:
            async for item in channel:
                total += item
        sums.append(total)

    start = time.perf_counter()
    async with trio.open_nursery() as nursery:
        async with send, receive:
            for p in range(producers):
                nursery.start_soon(produce, send.clone(), p)
            for _ in range(consumers):
                nursery.start_soon(consume, receive.clone())
    elapsed = time.perf_counter() - start
    assert sum(sums) == n * (n - 1) // 2
    return n / elapsed


def best(n, capacity, producers, consumers):
    return max(trio.run(run, n, capacity, producers, consumers) for _ in range(3))


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    print(json.dumps({"channel_1p1c": best(n, 1024, 1, 1), "channel_4p4c": best(n, 1024, 4, 4)}))
