using System.Diagnostics;
using System.Net;
using Braid.IO;

namespace Braid.Benchmarks.Echo;

/// <summary>What one load run measured: every byte was checked, or the run threw.</summary>
public sealed record EchoLoadResult(int Connections, int Messages, int Size, long Requests, TimeSpan Elapsed, double P50Micros, double P99Micros, double[] LatenciesMicros)
{
    /// <summary>Round trips per second over the whole run.</summary>
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Connections} connections x {Messages} messages of {Size} B: {RequestsPerSecond:N0} requests/s, p50 {P50Micros:0} us, p99 {P99Micros:0} us, every byte verified";
}

/// <summary>
/// The load generator of <c>braid echo load</c>: N connections on one Braid loop, each sending M messages of B bytes
/// and waiting for each echo, verifying it byte for byte; records every round trip's latency.
/// </summary>
public static class EchoLoad
{
    /// <summary>Runs the load against <paramref name="host"/>:<paramref name="port"/> on a new loop on this thread.</summary>
    public static EchoLoadResult Run(string host, int port, int connections, int messages, int size) =>
        Loop.Run(() => RunAsync(host, port, connections, messages, size));

    /// <summary>Runs the load on the current loop.</summary>
    public static async Coroutine<EchoLoadResult> RunAsync(string host, int port, int connections, int messages, int size)
    {
        CheckDescriptorLimit(connections);
        var endPoint = new IPEndPoint(IPAddress.TryParse(host, out var ip) ? ip : (await Tcp.ResolveAsync(host))[0], port);
        var latencies = new double[(long)connections * messages];
        var streams = new SocketStream[connections];
        try
        {
            await Unwrap(() => TaskGroup.RunAsync(async group =>
            {
                for (var c = 0; c < connections; c++)
                {
                    var i = c;
                    group.Spawn(async () => streams[i] = await Tcp.ConnectAsync(endPoint));
                }
            }));
            var started = Stopwatch.GetTimestamp();
            await Unwrap(() => TaskGroup.RunAsync(async group =>
            {
                for (var c = 0; c < connections; c++)
                {
                    var i = c;
                    group.Spawn(() => ConnectionAsync(streams[i], i, messages, size, latencies.AsMemory(i * messages, messages)));
                }
            }));
            var elapsed = Stopwatch.GetElapsedTime(started);
            Array.Sort(latencies);
            return new EchoLoadResult(connections, messages, size, latencies.LongLength, elapsed,
                Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies);
        }
        finally
        {
            foreach (var s in streams) s?.Dispose();
        }
    }

    private static async Coroutine ConnectionAsync(SocketStream stream, int connection, int messages, int size, Memory<double> latencies)
    {
        var sent = new byte[size];
        var echoed = new byte[size];
        for (var m = 0; m < messages; m++)
        {
            for (var b = 0; b < size; b++) sent[b] = (byte)(connection * 31 + m * 7 + b);
            var t0 = Stopwatch.GetTimestamp();
            await stream.SendAllAsync(sent);
            await stream.ReceiveExactlyAsync(echoed);
            latencies.Span[m] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
            if (!sent.AsSpan().SequenceEqual(echoed)) throw new InvalidDataException($"connection {connection}, message {m}: the echo differs from what was sent");
        }
        await stream.SendEofAsync();
    }

    /// <summary>The p-th percentile of sorted values (nearest rank).</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>A task group's failure as its first cause: the command line wants one clear line.</summary>
    private static async Coroutine Unwrap(Func<Coroutine> body)
    {
        try
        {
            await body();
        }
        catch (TaskGroupException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>Refuses up front a run that needs more descriptors than the process may open.</summary>
    private static void CheckDescriptorLimit(int connections)
    {
        if (DescriptorLimit() is { } limit && connections + 32 > limit)
        {
            throw new ArgumentException($"{connections:N0} connections need {connections + 32:N0} file descriptors and the limit is {limit:N0}: raise it with 'ulimit -n {connections + 1024}'");
        }
    }

    /// <summary>The soft limit on open files, from /proc/self/limits (null where there is none).</summary>
    public static long? DescriptorLimit()
    {
        const string path = "/proc/self/limits";
        if (!File.Exists(path)) return null;
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: > 3 } && long.TryParse(fields[3], out var soft) ? soft : null;
    }
}
