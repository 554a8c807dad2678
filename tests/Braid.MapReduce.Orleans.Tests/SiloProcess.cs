using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Braid.MapReduce.Orleans.Hosting;

namespace Braid.MapReduce.Orleans.Tests;

/// <summary>One <c>braid cluster silo</c> process on 127.0.0.1, started and waited for until it prints its ready line.</summary>
internal sealed class SiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _output = new();

    private SiloProcess(Process process, int port, int gatewayPort)
    {
        _process = process;
        Port = port;
        GatewayPort = gatewayPort;
        process.OutputDataReceived += (_, e) => Heard(e.Data);
        process.ErrorDataReceived += (_, e) => Heard(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"silo exited before it was ready: {Output}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public int GatewayPort { get; }

    public int Pid => _process.Id;

    public IPEndPoint Gateway => new(IPAddress.Loopback, GatewayPort);

    public string Output => string.Join(" / ", _output);

    /// <summary>How long a silo may take to be ready: a start on a busy 2-core machine takes 1-3 s.</summary>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Starts a silo on free ports; <paramref name="arguments"/> add membership options.</summary>
    public static SiloProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = BraidCommand.FreePort();
        var gatewayPort = BraidCommand.FreePort();
        var process = BraidCommand.Start(["cluster", "silo", "--port", $"{port}", "--gateway-port", $"{gatewayPort}", .. arguments], environment);
        return new SiloProcess(process, port, gatewayPort);
    }

    /// <summary>Waits for the ready line (an explicit signal, not a guess at how long starting takes).</summary>
    public async Task WaitReadyAsync()
    {
        try
        {
            await _ready.Task.WaitAsync(ReadyTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"silo on port {Port} not ready within {ReadyTimeout.TotalSeconds} s: {Output}");
        }
    }

    /// <summary>SIGKILL: the silo vanishes mid-work, as a machine that loses power does.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill();
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Gone already.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Heard(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        if (line.StartsWith(SiloHost.ReadyLine, StringComparison.Ordinal)) _ready.TrySetResult();
    }
}
