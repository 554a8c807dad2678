namespace Braid;

/// <summary>
/// Every misuse the kernel detects, in one place so the messages read alike. Each is a plain
/// <see cref="InvalidOperationException"/> whose message says what was wrong and what to do instead; the kernel
/// refuses the misuse before changing any state, so the loop goes on (or ends with this error if nobody catches it).
/// A coroutine that fails with one while it first runs rethrows it from the call itself, so it surfaces at the line
/// that misused the runtime, not at a later await; the mark in <see cref="Exception.Data"/> is how it is recognised.
/// </summary>
internal static class Misuse
{
    private const string Key = "Braid.Misuse";

    /// <summary>True for an error made here.</summary>
    public static bool Is(Exception? error) => error is InvalidOperationException && error.Data.Contains(Key);

    private static InvalidOperationException Make(string message)
    {
        var error = new InvalidOperationException(message);
        error.Data[Key] = true;
        return error;
    }

    public static InvalidOperationException SecondSuspension(Strand strand) => Make(
        $"{strand.Name} started a second coroutine while one it had started was still waiting and not yet awaited " +
        "(as in `var a = F(); var b = G(); await a;`). A strand runs one coroutine at a time: await each coroutine at " +
        "once (`await F(); await G();`), or spawn the ones that should run side by side (Loop.Spawn or a TaskGroup).");

    public static InvalidOperationException AbandonedWait(Strand strand, string? site) => Make(
        $"{strand.Name} finished while a coroutine it started was still waiting{(site is null ? "" : " on " + site)} " +
        "and was never awaited. Await every coroutine you start, or spawn it.");

    public static InvalidOperationException StaleAwait(Strand strand) => Make(
        $"{strand.Name} awaited a Braid operation that is not its pending one: it was already awaited, or it was made " +
        "by another strand. Await each operation once, at once, in the strand that started it.");

    public static InvalidOperationException SpawnBodyWaited() => Make(
        "A spawn body ran a coroutine that waited before handing back the strand's coroutine. The body must be an " +
        "async lambda or one call of a coroutine method (`() => Worker(x)`): anything it awaits belongs inside that coroutine.");

    public static InvalidOperationException SpawnBodyNotStraight() => Make(
        "A strand's body must be an async lambda or one call of a coroutine method (`() => Worker(x)`); this body " +
        "called another coroutine method first. Nothing was spawned.");

    public static InvalidOperationException OtherLoop(string what) => Make(
        $"{what} belongs to another Braid loop (or was used off its loop's thread). Each loop runs on one thread: " +
        "use a loop's strands, scopes and waiting primitives only from that loop; from another thread, go through a LoopHandle.");
}
