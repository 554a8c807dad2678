using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Braid.Hacks.Labs;

/// <summary>
/// Await anything: <c>await x</c> compiles to <c>x.GetAwaiter()</c>, then IsCompleted, OnCompleted and GetResult on what
/// it returns, found by name, extension methods included. So a TimeSpan, a Process and a channel become awaitable
/// with one extension method each; and a hand-written awaiter shows the calls in the order the compiler makes them.
/// </summary>
internal sealed class AwaitAnythingLab : IHackLab
{
    public string Name => "await-anything";

    public string Summary => "custom awaiters: await a TimeSpan, a process, a channel, and a hand-written awaiter's calls in order";

    public LabResult Run()
    {
        var lines = new List<string>();
        Loop.Run(async Task () =>
        {
            var before = Loop.Now;
            await TimeSpan.FromMilliseconds(20);
            lines.Add($"await TimeSpan.FromMilliseconds(20): resumed after {(Loop.Now - before).TotalMilliseconds:0} ms of loop time (a timer on the loop's heap)");

            var channel = Channel.CreateUnbounded<string>();
            await channel.Writer.WriteAsync("hello from a channel");
            lines.Add($"await channel.Reader: \"{await channel.Reader}\"");

            var exit = await Process.Start(new ProcessStartInfo("sh", ["-c", "exit 3"]) { UseShellExecute = false })!;
            lines.Add($"await Process.Start(\"sh -c 'exit 3'\"): exit code {exit}");

            var signal = new Signal<int>(lines);
            var waiter = Waiter(signal, lines);
            lines.Add("  (back in the caller: the method returned to it at its first await that was not complete)");
            signal.Set(42);
            await waiter;
        }, new RunOptions { AllowTaskEscapes = true });
        return new LabResult("TimeSpan, Process, channel and a hand-made awaiter all awaited", lines);
    }

    private static async Task Waiter(Signal<int> signal, List<string> lines)
    {
        lines.Add("hand-written awaiter, the calls `await signal` makes:");
        var value = await signal;
        lines.Add($"  the await's value: {value}");
    }
}

/// <summary>The extension methods that make TimeSpan, Process and ChannelReader awaitable.</summary>
internal static class AwaitAnything
{
    /// <summary><c>await TimeSpan.FromSeconds(1)</c>: a delay on the loop's clock (on a Braid loop) or the system's.</summary>
    public static TaskAwaiter GetAwaiter(this TimeSpan delay) =>
        Task.Delay(delay, Loop.IsRunning ? Loop.TimeProvider : TimeProvider.System).GetAwaiter();

    /// <summary><c>await process</c>: its exit code, once it has exited.</summary>
    public static TaskAwaiter<int> GetAwaiter(this Process process) => ExitCode(process).GetAwaiter();

    private static async Task<int> ExitCode(Process process)
    {
        using (process)
        {
            await process.WaitForExitAsync();
            return process.ExitCode;
        }
    }

    /// <summary><c>await reader</c>: the channel's next item.</summary>
    public static ValueTaskAwaiter<T> GetAwaiter<T>(this ChannelReader<T> reader) => reader.ReadAsync().GetAwaiter();
}

/// <summary>A one-shot signal that is its own awaiter, and logs each call the compiler makes on it.</summary>
internal sealed class Signal<T>(List<string> log) : INotifyCompletion
{
    private Action? _continuation;
    private T? _value;
    private bool _set;

    public Signal<T> GetAwaiter()
    {
        log.Add("  1. GetAwaiter()");
        return this;
    }

    public bool IsCompleted
    {
        get
        {
            log.Add($"  2. IsCompleted -> {_set}");
            return _set;
        }
    }

    public void OnCompleted(Action continuation)
    {
        log.Add("  3. OnCompleted(continuation): the method suspends, its caller runs on");
        _continuation = continuation;
    }

    public T GetResult()
    {
        log.Add("  5. GetResult()");
        return _value!;
    }

    public void Set(T value)
    {
        (_value, _set) = (value, true);
        log.Add($"  4. Set({value}) calls the continuation");
        _continuation?.Invoke();
    }
}
