namespace Braid.Problems.Classical;

/// <summary>4.2.2 Readers-writers: readers share the room through a lightswitch, a writer has it alone (roomEmpty).</summary>
internal sealed class ReadersWriters() : Problem("readers-writers", "4.2.2", Parts.Classical,
    ["a writer is alone in the room"],
    [("early-release", "the first reader lets go of the lightswitch's mutex before it has locked the room"),
     ("no-lightswitch", "readers skip the room's lock")])
{
    internal override void Start(World w) => Room.Start(w, w.Semaphore(1, "roomEmpty"), new Lightswitch(w, "readSwitch", w.Is("early-release")), w.Is("no-lightswitch"));

    internal override void Check(EventLog log) => Room.Check(log, Rules[0]);
}

/// <summary>The readers and writers that 4.2's variants share: who enters and leaves the room, and its one rule.</summary>
internal static class Room
{
    public const int Readers = 2, Writers = 1, Rounds = 2;

    public static void Start(World w, Sem roomEmpty, Lightswitch readSwitch, bool readersSkip)
    {
        w.Spawn(Readers, "reader", async _ =>
        {
            for (var r = 0; r < Rounds; r++)
            {
                if (!readersSkip) await readSwitch.Lock(roomEmpty);
                await Read(w);
                if (!readersSkip) await readSwitch.Unlock(roomEmpty);
            }
        });
        w.Spawn(Writers, "writer", async _ =>
        {
            for (var r = 0; r < Rounds; r++)
            {
                await roomEmpty.Wait();
                await Write(w);
                roomEmpty.Signal();
            }
        });
    }

    public static async Coroutine Read(World w)
    {
        w.Note("read in");
        await w.Yield();
        w.Note("read out");
    }

    public static async Coroutine Write(World w)
    {
        w.Note("write in");
        await w.Yield();
        w.Note("write out");
    }

    /// <summary>A writer is alone: no reader and no other writer inside while it writes.</summary>
    public static void Check(EventLog log, string rule) =>
        log.Occupancy(e => e.What switch { "read in" => (0, 1), "read out" => (0, -1), "write in" => (1, 1), "write out" => (1, -1), _ => null },
            (n, e) => EventLog.Require(n[1] == 0 || (n[1] == 1 && n[0] == 0), rule, e, () => $"{n[1]} writers and {n[0]} readers inside after {e}"), kinds: 2);
}
