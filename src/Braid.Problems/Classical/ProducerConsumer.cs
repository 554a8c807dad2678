namespace Braid.Problems.Classical;

/// <summary>4.1.4 Producer-consumer with a finite buffer: items counts what is there, spaces what is free.</summary>
internal sealed class ProducerConsumer() : Problem("producer-consumer", "4.1.4", Parts.Classical,
    ["the buffer never holds more than 2 items", "nobody takes from an empty buffer", "the buffer's count matches puts minus takes"],
    [("no-spaces", "producers do not wait for a free space"), ("no-mutex", "the buffer is changed without the mutex")])
{
    private const int Size = 2, PerProducer = 3;

    internal override void Start(World w)
    {
        var mutex = w.Semaphore(1, "mutex");
        var items = w.Semaphore(0, "items");
        var spaces = w.Semaphore(Size, "spaces");
        var buffer = 0;
        async Coroutine Change(int delta, string what)
        {
            if (!w.Is("no-mutex")) await mutex.Wait();
            var seen = buffer;
            await w.Yield();
            buffer = seen + delta;
            w.Note(what, buffer);
            if (!w.Is("no-mutex")) mutex.Signal();
        }
        w.Spawn(2, "producer", async _ =>
        {
            for (var i = 0; i < PerProducer; i++)
            {
                if (!w.Is("no-spaces")) await spaces.Wait();
                await Change(+1, "put");
                items.Signal();
            }
        });
        w.Spawn(2, "consumer", async _ =>
        {
            for (var i = 0; i < PerProducer; i++)
            {
                await items.Wait();
                await Change(-1, "take");
                spaces.Signal();
            }
        });
    }

    internal override void Check(EventLog log)
    {
        var count = 0;
        foreach (var e in log.Events)
        {
            count += e.What == "put" ? 1 : -1;
            EventLog.Require(count <= Size, Rules[0], e, () => $"{count} items after {e}");
            EventLog.Require(count >= 0, Rules[1], e, () => $"{e} with the buffer empty");
            EventLog.Require(e.Arg == count, Rules[2], e, () => $"{e} but {count} were put and not taken");
        }
    }
}
