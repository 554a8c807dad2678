namespace Braid.Problems;

/// <summary>
/// Where a solution runs: on Braid coroutines under the explorer, or on OS threads with random yields injected at
/// every operation. A solution sees only this (semaphores, spawning actors, the event log), so one source runs on both.
/// </summary>
internal sealed class World
{
    [ThreadStatic] private static string? t_actor;
    [ThreadStatic] private static Random? t_jitter;
    private readonly TaskGroup? _group;
    private readonly List<(string Name, Func<Coroutine> Body)> _threads = new();

    private World(string? broken, TaskGroup? group)
    {
        Broken = broken;
        _group = group;
    }

    public static World OnCoroutines(string? broken, TaskGroup group) => new(broken, group);

    public static World OnThreads(string? broken) => new(broken, null);

    /// <summary>The broken variant being run, or null for the correct solution.</summary>
    public string? Broken { get; }

    public bool Is(string variant) => Broken == variant;

    public bool Threads => _group is null;

    public EventLog Log { get; } = new();

    /// <summary>A semaphore the book's way: <c>Wait</c> and <c>Signal</c>.</summary>
    public Sem Semaphore(int initial, string name) =>
        new(this, Threads ? new ThreadSemaphore(initial) : new AsyncSemaphore(initial, name));

    /// <summary>Starts an actor (a strand, or a thread).</summary>
    public void Spawn(string name, Func<Coroutine> body)
    {
        if (_group is { } g) g.Spawn(body, name);
        else _threads.Add((name, body));
    }

    /// <summary>Spawns <paramref name="count"/> actors named prefix-0, prefix-1, ..., each given its index.</summary>
    public void Spawn(int count, string prefix, Func<int, Coroutine> body)
    {
        for (var i = 0; i < count; i++)
        {
            var id = i;
            Spawn($"{prefix}-{id}", () => body(id));
        }
    }

    /// <summary>A preemption point: any other actor may run here.</summary>
    public Coroutine Yield()
    {
        if (!Threads) return LoopYield();
        Jitter();
        return Coroutine.CompletedCoroutine;
    }

    private static async Coroutine LoopYield() => await Loop.Yield();

    /// <summary>Writes what the current actor does to the log (and to the interleaving, when one is recorded).</summary>
    public void Note(string what, int? arg = null)
    {
        var who = Threads ? t_actor ?? "main" : Loop.CurrentStrand.Name;
        var step = Threads ? -1 : Interleaving.Note(arg is null ? what : $"{what} {arg}");
        Log.Add(who, what, arg, step);
    }

    /// <summary>On threads: sometimes yield the processor or spin a little, so runs interleave differently.</summary>
    public void Jitter()
    {
        var r = t_jitter ??= new Random(Environment.CurrentManagedThreadId);
        var roll = r.Next(8);
        if (roll == 0) Thread.Yield();
        else if (roll == 1) Thread.SpinWait(r.Next(1, 64));
    }

    /// <summary>Runs the actors spawned on threads; returns false if any is still running after <paramref name="limit"/>.</summary>
    public bool RunThreads(int seed, TimeSpan limit, List<Exception> failures)
    {
        var threads = _threads.Select((a, i) => new Thread(() =>
        {
            t_actor = a.Name;
            t_jitter = new Random(HashCode.Combine(seed, i));
            try
            {
                a.Body().GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                lock (failures) failures.Add(e);
            }
        }) { IsBackground = true, Name = a.Name }).ToList();
        foreach (var t in threads) t.Start();
        var deadline = DateTime.UtcNow + limit;
        return threads.All(t => t.Join(deadline - DateTime.UtcNow is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero));
    }
}
