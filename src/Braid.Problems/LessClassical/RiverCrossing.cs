namespace Braid.Problems.LessClassical;

/// <summary>
/// 5.7 River crossing: hackers and serfs cross four to a boat, never one against three; the captain holds the mutex
/// until the boat has rowed away.
/// </summary>
internal sealed class RiverCrossing() : Problem("river-crossing", "5.7", Parts.LessClassical,
    ["every boat carries 4 hackers, 4 serfs, or 2 of each", "progress: everyone crosses"],
    [("three-and-one", "a boat may leave with three of one kind and one of the other")])
{
    private static readonly int[] People = [6, 2]; // hackers, serfs

    internal override void Start(World w)
    {
        var mutex = w.Semaphore(1, "mutex");
        var queue = new[] { w.Semaphore(0, "hackerQueue"), w.Semaphore(0, "serfQueue") };
        var barrier = new Barrier(w, 4, "barrier");
        var waiting = new int[2];
        async Coroutine Arrive(int me)
        {
            var other = 1 - me;
            var isCaptain = true;
            await mutex.Wait();
            waiting[me]++;
            if (waiting[me] == 4) Board(me, 4, other, 0);
            else if (waiting[me] == 2 && waiting[other] >= 2) Board(me, 2, other, 2);
            else if (w.Is("three-and-one") && waiting[me] == 3 && waiting[other] >= 1) Board(me, 3, other, 1);
            else
            {
                isCaptain = false;
                mutex.Signal();
            }
            await queue[me].Wait();
            w.Note("board", me);
            await barrier.Wait();
            if (isCaptain)
            {
                w.Note("row");
                mutex.Signal();
            }
        }
        void Board(int me, int mine, int other, int theirs)
        {
            queue[me].Signal(mine);
            waiting[me] -= mine;
            queue[other].Signal(theirs);
            waiting[other] -= theirs;
        }
        w.Spawn(People[0], "hacker", _ => Arrive(0));
        w.Spawn(People[1], "serf", _ => Arrive(1));
    }

    internal override void Check(EventLog log)
    {
        var boards = log.Of("board").ToList();
        for (var i = 0; i + 4 <= boards.Count; i += 4)
        {
            var hackers = boards.GetRange(i, 4).Count(b => b.Arg == 0);
            EventLog.Require(hackers is 0 or 2 or 4, Rules[0], () => $"a boat with {hackers} hackers and {4 - hackers} serfs");
        }
        log.Happened("board", People.Sum(), Rules[1]);
    }
}
