namespace Braid.Hacks.Labs;

/// <summary>
/// How coroutines worked before async/await (and how Unity's still do): an iterator method is a resumable function,
/// <c>yield return</c> is its suspension point, and a scheduler in about fifty lines runs many of them on one thread.
/// The value yielded tells the scheduler why the coroutine stopped: null to yield, a <see cref="Sleep"/> to wait.
/// </summary>
internal sealed class GeneratorsLab : IHackLab
{
    public string Name => "generators";

    public string Summary => "a generator-based scheduler in about 50 lines: IEnumerator coroutines taking turns and sleeping";

    public LabResult Run()
    {
        var scheduler = new GeneratorScheduler();
        scheduler.Spawn("ping", PingPong(scheduler, "ping", 3));
        scheduler.Spawn("pong", PingPong(scheduler, "pong", 3));
        scheduler.Spawn("sleeper", Sleeper(scheduler));
        scheduler.Run();
        return new LabResult($"{scheduler.Log.Count} events, virtual time {scheduler.Now}", scheduler.Log);
    }

    internal static IEnumerable<object?> PingPong(GeneratorScheduler s, string word, int times)
    {
        for (var i = 0; i < times; i++)
        {
            s.Log.Add($"t={s.Now} {word} {i}");
            yield return null; // a yield: let the others run
        }
    }

    internal static IEnumerable<object?> Sleeper(GeneratorScheduler s)
    {
        s.Log.Add($"t={s.Now} sleeper: sleeping 5");
        yield return new Sleep(5);
        s.Log.Add($"t={s.Now} sleeper: awake");
    }
}

/// <summary>What a generator yields to sleep for <paramref name="Ticks"/> units of the scheduler's virtual clock.</summary>
internal sealed record Sleep(long Ticks);

/// <summary>A round-robin scheduler for iterator coroutines, with virtual-time sleeps: the whole of it.</summary>
internal sealed class GeneratorScheduler
{
    private readonly Queue<(string Name, IEnumerator<object?> Body)> _ready = new();
    private readonly PriorityQueue<(string Name, IEnumerator<object?> Body), (long Due, long Order)> _sleeping = new();
    private long _order;

    /// <summary>The virtual clock: jumps to the next sleeper's time when nothing is ready.</summary>
    public long Now { get; private set; }

    /// <summary>What happened, in order.</summary>
    public List<string> Log { get; } = new();

    public void Spawn(string name, IEnumerable<object?> body) => _ready.Enqueue((name, body.GetEnumerator()));

    public void Run()
    {
        while (_ready.Count > 0 || _sleeping.Count > 0)
        {
            if (_ready.Count == 0)
            {
                _sleeping.TryPeek(out _, out var next);
                Now = next.Due; // nothing can run before then: jump
                while (_sleeping.TryPeek(out var sleeper, out var due) && due.Due <= Now)
                {
                    _sleeping.Dequeue();
                    _ready.Enqueue(sleeper);
                }
            }
            var (name, body) = _ready.Dequeue();
            if (!body.MoveNext()) // runs the coroutine to its next yield return
            {
                Log.Add($"t={Now} {name} finished");
                body.Dispose();
                continue;
            }
            if (body.Current is Sleep sleep) _sleeping.Enqueue((name, body), (Now + sleep.Ticks, _order++));
            else _ready.Enqueue((name, body));
        }
    }
}
