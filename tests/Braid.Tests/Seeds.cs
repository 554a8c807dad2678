namespace Braid.Tests;

/// <summary>Runs a test body under many seeds in deterministic mode: each seed is a different interleaving.</summary>
public static class Seeds
{
    /// <summary>The seeds every deterministic test runs under.</summary>
    public const int Count = 100;

    /// <summary>Runs <paramref name="main"/> once per seed in deterministic mode, naming the seed on failure.</summary>
    public static void Run(Func<Coroutine> main, int count = Count)
    {
        for (var seed = 0; seed < count; seed++)
        {
            try
            {
                Loop.Run(main, RunOptions.Deterministic(seed));
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"seed {seed}: {e.GetType().Name}: {e.Message}{Environment.NewLine}{e.StackTrace}");
            }
        }
    }

    /// <summary>Yields until <paramref name="condition"/> holds (bounded, so a bug fails instead of hanging).</summary>
    public static async Coroutine Until(Func<bool> condition)
    {
        for (var i = 0; !condition(); i++)
        {
            if (i > 10_000) throw new InvalidOperationException("condition never became true");
            await Loop.Yield();
        }
    }
}
