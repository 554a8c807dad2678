namespace Braid.IO;

/// <summary>
/// Runs a function in a worker process and awaits its result, the minimal form of asyncio's run_in_executor with a
/// ProcessPoolExecutor: the "function" is a program that reads its input on stdin and writes its result on stdout.
/// One process per call (no pool, no framing protocol: the map-reduce workers' protocol lives outside the library),
/// at most <see cref="DefaultLimiter"/>'s tokens (the processor count) at once per loop.
/// </summary>
public static class ToProcess
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Kernel, CapacityLimiter> s_limiters = new();

    /// <summary>The current loop's default limiter: one worker per processor.</summary>
    public static CapacityLimiter DefaultLimiter =>
        s_limiters.GetValue(Kernel.Require(), _ => new CapacityLimiter(Environment.ProcessorCount, "to-process"));

    /// <summary>
    /// Starts <paramref name="fileName"/>, writes <paramref name="input"/> to its stdin and closes it, and returns all it
    /// wrote to stdout. Throws <see cref="IOException"/> (with its stderr) if it exits non-zero; a cancellation kills it.
    /// </summary>
    public static async Coroutine<byte[]> RunAsync(string fileName, string[] arguments, ReadOnlyMemory<byte> input, CapacityLimiter? limiter = null)
    {
        limiter ??= DefaultLimiter;
        var token = new object();
        await limiter.AcquireOnBehalfOf(token);
        try
        {
            using var worker = Subprocess.Start(fileName, arguments);
            byte[] output = [];
            byte[] errors = [];
            await TaskGroup.RunAsync(async group =>
            {
                group.Spawn(async () => output = await worker.Stdout.ReadToEndAsync());
                group.Spawn(async () => errors = await worker.Stderr.ReadToEndAsync());
                await worker.Stdin.SendAllAsync(input);
                worker.Stdin.Dispose();
            });
            var code = await worker.WaitAsync();
            if (code != 0) throw new IOException($"{fileName} exited with code {code}: {System.Text.Encoding.UTF8.GetString(errors).Trim()}");
            return output;
        }
        finally
        {
            limiter.ReleaseOnBehalfOf(token);
        }
    }
}
