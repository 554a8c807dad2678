namespace Braid.Problems.Classical;

/// <summary>4.2.6 Writer-priority readers-writers: once a writer arrives, no new reader enters until every writer has gone.</summary>
internal sealed class WriterPriorityReadersWriters() : Problem("writer-priority-readers-writers", "4.2.6", Parts.Classical,
    ["a writer is alone in the room", "no reader starts while a writer is queued"],
    [("no-noReaders", "readers do not check noReaders")])
{
    internal override void Start(World w)
    {
        var noReaders = w.Semaphore(1, "noReaders");
        var noWriters = w.Semaphore(1, "noWriters");
        var readSwitch = new Lightswitch(w, "readSwitch");
        var writeSwitch = new Lightswitch(w, "writeSwitch");
        w.Spawn(Room.Readers, "reader", async _ =>
        {
            for (var r = 0; r < Room.Rounds; r++)
            {
                if (!w.Is("no-noReaders")) await noReaders.Wait();
                w.Note("start");
                await readSwitch.Lock(noWriters);
                if (!w.Is("no-noReaders")) noReaders.Signal();
                await Room.Read(w);
                await readSwitch.Unlock(noWriters);
            }
        });
        w.Spawn(2, "writer", async _ =>
        {
            await writeSwitch.Lock(noReaders);
            w.Note("queued");
            await noWriters.Wait();
            await Room.Write(w);
            noWriters.Signal();
            w.Note("unqueued");
            await writeSwitch.Unlock(noReaders);
        });
    }

    internal override void Check(EventLog log)
    {
        Room.Check(log, Rules[0]);
        log.Occupancy(e => e.What switch { "queued" => (0, 1), "unqueued" => (0, -1), "start" => (1, 1), _ => null },
            (n, e) => EventLog.Require(e.What != "start" || n[0] == 0, Rules[1], e, () => $"{e} while {n[0]} writers are queued"), kinds: 2);
    }
}
