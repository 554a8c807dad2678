namespace Braid.Problems.Classical;

/// <summary>
/// The dining philosophers' table (4.4): five philosophers, five forks, two meals each. A solution supplies how a
/// philosopher gets and puts its forks; the table runs them and states the rules.
/// </summary>
internal static class DiningTable
{
    public const int N = 5, Meals = 2;

    public static readonly string[] Rules =
    [
        "a fork is held by one philosopher at a time",
        "no philosopher eats beside an eating neighbour",
        "progress: every philosopher eats every meal (no deadlock)",
    ];

    public static int Left(int i) => i;

    public static int Right(int i) => (i + 1) % N;

    public static Sem[] Forks(World w) => Enumerable.Range(0, N).Select(i => w.Semaphore(1, $"fork{i}")).ToArray();

    /// <summary>Spawns the philosophers: think, get forks, eat, put forks, <see cref="Meals"/> times.</summary>
    public static void Seat(World w, Func<int, Coroutine> getForks, Action<int> putForks) =>
        w.Spawn(N, "philosopher", async i =>
        {
            for (var meal = 0; meal < Meals; meal++)
            {
                await w.Yield(); // think
                await getForks(i);
                w.Note("eat", i);
                await w.Yield();
                w.Note("done", i);
                putForks(i);
            }
        });

    /// <summary>Takes fork <paramref name="f"/>, noting it.</summary>
    public static async Coroutine Take(World w, Sem[] forks, int f)
    {
        await forks[f].Wait();
        w.Note("take", f);
    }

    /// <summary>Puts fork <paramref name="f"/> down, noting it.</summary>
    public static void Put(World w, Sem[] forks, int f)
    {
        w.Note("put", f);
        forks[f].Signal();
    }

    public static void Check(EventLog log)
    {
        var held = new int[N];
        var eating = new bool[N];
        foreach (var e in log.Events)
        {
            switch (e.What)
            {
                case "take": EventLog.Require(++held[e.Arg] == 1, Rules[0], e, () => $"{e} while it is held"); break;
                case "put": held[e.Arg]--; break;
                case "eat":
                    EventLog.Require(!eating[(e.Arg + N - 1) % N] && !eating[(e.Arg + 1) % N], Rules[1], e, () => $"{e} beside an eating neighbour");
                    eating[e.Arg] = true;
                    break;
                case "done": eating[e.Arg] = false; break;
            }
        }
        log.Happened("done", N * Meals, Rules[2]);
    }
}
