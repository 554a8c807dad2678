namespace Braid.Problems.Classical;

/// <summary>4.4.2 Dining philosophers, the footman: at most four at the table, so one of them can always eat.</summary>
internal sealed class DiningPhilosophersFootman() : Problem("dining-philosophers-footman", "4.4.2", Parts.Classical,
    DiningTable.Rules,
    [("no-footman", "no footman: all five may pick up their right fork and wait for the left (deadlock)")])
{
    internal override void Start(World w)
    {
        var footman = w.Semaphore(DiningTable.N - 1, "footman");
        var forks = DiningTable.Forks(w);
        var withFootman = !w.Is("no-footman");
        DiningTable.Seat(w,
            async i =>
            {
                if (withFootman) await footman.Wait();
                await DiningTable.Take(w, forks, DiningTable.Right(i));
                await DiningTable.Take(w, forks, DiningTable.Left(i));
            },
            i =>
            {
                DiningTable.Put(w, forks, DiningTable.Right(i));
                DiningTable.Put(w, forks, DiningTable.Left(i));
                if (withFootman) footman.Signal();
            });
    }

    internal override void Check(EventLog log) => DiningTable.Check(log);
}
