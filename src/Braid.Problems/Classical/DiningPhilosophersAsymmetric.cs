namespace Braid.Problems.Classical;

/// <summary>4.4.3 Dining philosophers, asymmetric: one leftie picks up the left fork first, which breaks the cycle.</summary>
internal sealed class DiningPhilosophersAsymmetric() : Problem("dining-philosophers-asymmetric", "4.4.3", Parts.Classical,
    DiningTable.Rules,
    [("all-righties", "everyone picks up the right fork first (deadlock)")])
{
    internal override void Start(World w)
    {
        var forks = DiningTable.Forks(w);
        bool Leftie(int i) => i == 0 && !w.Is("all-righties");
        DiningTable.Seat(w,
            async i =>
            {
                var (first, second) = Leftie(i) ? (DiningTable.Left(i), DiningTable.Right(i)) : (DiningTable.Right(i), DiningTable.Left(i));
                await DiningTable.Take(w, forks, first);
                await DiningTable.Take(w, forks, second);
            },
            i =>
            {
                DiningTable.Put(w, forks, DiningTable.Right(i));
                DiningTable.Put(w, forks, DiningTable.Left(i));
            });
    }

    internal override void Check(EventLog log) => DiningTable.Check(log);
}
