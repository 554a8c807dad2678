using System.Runtime.CompilerServices;

namespace Braid;

/// <summary>
/// Go's select: waits on several send and receive cases at once and fires exactly one. Among cases ready at once the
/// choice is random and even (so no channel starves); with none ready, a <see cref="Default"/> case fires at once, or
/// the select parks until a channel serves one case or its <see cref="Timeout"/> passes.
/// <code>
/// var fromA = a.ReceiveCase(); var toB = b.SendCase(42);
/// switch (await Select.RunAsync(fromA, toB, Select.Timeout(TimeSpan.FromSeconds(1))))
/// {
///     case 0: Use(fromA.Value); break;
///     case 1: /* 42 delivered */ break;
///     case 2: /* timed out */ break;
/// }
/// </code>
/// </summary>
public static class Select
{
    private static readonly ConditionalWeakTable<object, Random> Randoms = new();

    /// <summary>A case that fires after <paramref name="after"/> if nothing else has.</summary>
    public static TimeoutCase Timeout(TimeSpan after) => new(after);

    /// <summary>A case that fires at once if nothing else is ready.</summary>
    public static DefaultCase Default() => new();

    /// <summary>Runs the select (a cancellation point) and returns the index of the case that fired.</summary>
    public static async Coroutine<int> RunAsync(params SelectCase[] cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var timeout = -1;
        var fallback = -1;
        for (var i = 0; i < cases.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(cases[i], nameof(cases));
            if (Array.IndexOf(cases, cases[i], 0, i) >= 0) throw new ArgumentException($"Case {i} of this select is also case {Array.IndexOf(cases, cases[i])}: give each case once.", nameof(cases));
            if (cases[i].InUse) throw new InvalidOperationException($"Case {i} ({cases[i].Describe()}) is in use by another select that is still waiting; give each select its own case (ReceiveCase() and SendCase(item) make new ones).");
            if (cases[i] is TimeoutCase) timeout = timeout < 0 ? i : throw new ArgumentException("A select takes at most one timeout case.", nameof(cases));
            if (cases[i] is DefaultCase) fallback = fallback < 0 ? i : throw new ArgumentException("A select takes at most one default case.", nameof(cases));
        }
        if (timeout < 0 || fallback >= 0) return await Core(cases, fallback);
        var scope = new CancelScope { Deadline = Loop.Now + ((TimeoutCase)cases[timeout]).After };
        var fired = await scope.RunAsync(() => Core(cases, -1));
        return scope.CancelledCaught ? timeout : fired;
    }

    private static async Coroutine<int> Core(SelectCase[] cases, int fallback)
    {
        var strand = Grant.Current;
        if (Grant.CancelPending(strand)) await ParkAwaitable.Ready; // throws
        var ready = Poll(cases, Randoms.GetValue(strand.Kernel, k => ((Kernel)k).Seed is { } seed ? new Random(seed) : new Random()));
        if (ready >= 0) return ready;
        if (fallback >= 0) return fallback;
        if (!cases.Any(c => c.IsChannelCase)) throw new ArgumentException("A select needs at least one channel case to wait on.", nameof(cases));
        var site = new SelectSite(strand, cases);
        strand.Kernel.PrepareToPark(strand, site); // first: it refuses a misuse before any channel changes
        for (var i = 0; i < cases.Length; i++) cases[i].Enlist(site, i, strand);
        try
        {
            await ParkAwaitable.Parked(strand);
            cases[site.Fired].Finish();
            return site.Fired;
        }
        finally
        {
            // Fired, withdrawn or cancelled, every case is free again for the next select.
            foreach (var c in cases) c.Release();
        }
    }

    /// <summary>Tries the cases in a random order (Go shuffles too), so among ready cases each is equally likely to fire.</summary>
    private static int Poll(SelectCase[] cases, Random random)
    {
        Span<int> order = cases.Length <= 32 ? stackalloc int[cases.Length] : new int[cases.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        random.Shuffle(order);
        foreach (var i in order)
        {
            if (cases[i].TryNow()) return i;
        }
        return -1;
    }
}
