using Braid.IO;
using Braid.Reporting;
using Braid.Reporting.Tour;

namespace Braid.Benchmarks.Echo;

/// <summary>
/// The tour's asyncio section: an echo server and its load generator on one Braid loop (one thread), then the same
/// load against .NET Socket async on the thread pool, in the same run; their latency distributions side by side.
/// </summary>
public sealed class AsyncioTourSection : ITourSection
{
    /// <inheritdoc />
    public string Id => "asyncio";

    /// <inheritdoc />
    public string Title => "Asyncio from scratch: nonblocking I/O on the Braid loop";

    /// <inheritdoc />
    public async Task<Section> RunAsync(TourContext context, CancellationToken cancellationToken)
    {
        const int connections = 100;
        var messages = context.Quick ? 200 : 1000;
        var section = new Section(Title).Text(
            "When no strand can run, Braid's kernel sleeps in its one idle-wait hook; Braid.IO installs an epoll poller " +
            "there (edge-triggered, woken early by an eventfd when another thread posts). A strand that reads a socket " +
            "tries the read first and parks on the socket only when the kernel says EAGAIN, so one thread multiplexes " +
            "every connection. Below, an echo server and a load generator share a single loop: " +
            $"{connections} connections, {messages} messages of 64 bytes each, every byte checked.");

        context.Progress.Report($"Braid's echo server and its load on one loop, {connections} connections", 0);
        var cpu0 = CpuTime();
        var braid = Loop.Run(async () =>
        {
            using var listener = Tcp.Listen("127.0.0.1", 0);
            EchoLoadResult? result = null;
            await TaskGroup.RunAsync(async group =>
            {
                group.Spawn(() => EchoServer.ServeAsync(listener));
                result = await EchoLoad.RunAsync("127.0.0.1", listener.Port, connections, messages, 64);
                group.CancelScope.Cancel();
            });
            return result!;
        });

        var braidCpu = CpuTime() - cpu0;
        using var stop = new CancellationTokenSource();
        var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        context.Progress.Report("the same load against .NET Socket async", 0.5);
        var server = SocketAsyncEchoServer.RunAsync("127.0.0.1", 0, port.SetResult, stop.Token);
        var listening = await port.Task;
        cpu0 = CpuTime();
        var dotnet = await Task.Run(() => EchoLoad.Run("127.0.0.1", listening, connections, messages, 64), cancellationToken);
        var dotnetCpu = CpuTime() - cpu0;
        await stop.CancelAsync();
        await server;

        double PerCpu(EchoLoadResult r, TimeSpan cpu) => r.Requests / Math.Max(cpu.TotalSeconds, 1e-3);
        section.Table(["server", "where", "requests/s", "requests per CPU-second (whole process)", "p50 (us)", "p99 (us)"],
            [
                ["Braid loop", "server and load on one thread", $"{braid.RequestsPerSecond:N0}", $"{PerCpu(braid, braidCpu):N0}", $"{braid.P50Micros:0}", $"{braid.P99Micros:0}"],
                [".NET Socket async", "server on the thread pool, load on a Braid loop", $"{dotnet.RequestsPerSecond:N0}", $"{PerCpu(dotnet, dotnetCpu):N0}", $"{dotnet.P50Micros:0}", $"{dotnet.P99Micros:0}"],
            ])
            .Text("Requests per CPU-second is the fairer figure on a shared machine: one thread gets one share of a busy CPU, " +
                  "while the thread pool's threads get one each, and every time the loop's thread is preempted all its " +
                  "connections wait (the steps in Braid's tail below are scheduler time slices).");
        var png = Charts.Lines(context.PlotPath(Id, "latency"), "Round-trip latency by percentile (64 B echo)", "percentile", "latency (us, log scale)",
            [Percentiles("Braid loop (server + load, 1 thread)", braid), Percentiles(".NET Socket async server", dotnet)], logY: true);
        section.Figure(png, "Latency distribution: each point is the latency below which that share of round trips fell.")
            .Text("`braid bench echo` runs the full comparison, each server pinned to its own core against a Go load generator: " +
                  ".NET Socket async, Go, asyncio, uvloop, trio and gevent.")
            .Headline("Braid echo on one loop", $"{braid.RequestsPerSecond:N0} req/s")
            .Headline("Braid / .NET Socket async, req/s", $"{braid.RequestsPerSecond / dotnet.RequestsPerSecond:0.00}x")
            .Headline("Braid / .NET Socket async, req per CPU-s", $"{PerCpu(braid, braidCpu) / PerCpu(dotnet, dotnetCpu):0.00}x");
        return section;
    }

    private static TimeSpan CpuTime() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;

    private static Series Percentiles(string name, EchoLoadResult result)
    {
        double[] ps = [.. Enumerable.Range(1, 99).Select(p => (double)p), 99.5, 99.9];
        return new Series(name, ps, ps.Select(p => EchoLoad.Percentile(result.LatenciesMicros, p / 100)).ToList());
    }
}
