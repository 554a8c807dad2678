namespace Braid;

/// <summary>
/// Thrown where user code misuses the runtime: the message says what was wrong and what to do instead. It is an
/// <see cref="InvalidOperationException"/>; the kernel refuses the misuse before changing any state, so the loop
/// goes on (or ends with this error if nobody catches it). A coroutine that fails with one while it first runs
/// rethrows it from the call itself, so it surfaces at the line that misused the runtime, not at a later await.
/// </summary>
internal sealed class MisuseException(string message) : InvalidOperationException(message);

/// <summary>The messages of every misuse the kernel detects, in one place so they read alike.</summary>
internal static class Misuse
{
    public static MisuseException SecondSuspension(Strand strand) => new(
        $"{strand.Name} started a second coroutine while one it had started was still waiting and not yet awaited " +
        "(as in `var a = F(); var b = G(); await a;`). A strand runs one coroutine at a time: await each coroutine at " +
        "once (`await F(); await G();`), or spawn the ones that should run side by side (Loop.Spawn or a TaskGroup).");

    public static MisuseException AbandonedWait(Strand strand, string? site) => new(
        $"{strand.Name} finished while a coroutine it started was still waiting{(site is null ? "" : " on " + site)} " +
        "and was never awaited. Await every coroutine you start, or spawn it.");

    public static MisuseException StaleAwait(Strand strand) => new(
        $"{strand.Name} awaited a Braid operation that is not its pending one: it was already awaited, or it was made " +
        "by another strand. Await each operation once, at once, in the strand that started it.");

    public static MisuseException SpawnBodyWaited() => new(
        "A spawn body ran a coroutine that waited before handing back the strand's coroutine. The body must be an " +
        "async lambda or one call of a coroutine method (`() => Worker(x)`): anything it awaits belongs inside that coroutine.");

    public static MisuseException SpawnBodyNotStraight() => new(
        "A strand's body must be an async lambda or one call of a coroutine method (`() => Worker(x)`); this body " +
        "called another coroutine method first. Nothing was spawned.");

    public static MisuseException OtherLoop(string what) => new(
        $"{what} belongs to another Braid loop (or was used off its loop's thread). Each loop runs on one thread: " +
        "use a loop's strands, scopes and waiting primitives only from that loop; from another thread, go through a LoopHandle.");
}
