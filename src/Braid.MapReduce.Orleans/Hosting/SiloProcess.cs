using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Braid.MapReduce.Executors;

namespace Braid.MapReduce.Orleans.Hosting;

/// <summary>
/// One <c>braid cluster silo</c> process on 127.0.0.1, on ports the system picked, waited for until it prints its
/// ready line: a local cluster for the benchmark and the tests, of separate processes, as on real machines.
/// </summary>
public sealed class SiloProcess : IDisposable
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
        process.Exited += (_, _) => _ready.TrySetException(new ClusterException($"silo exited before it was ready: {Output}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Its silo port.</summary>
    public int Port { get; }

    /// <summary>Its gateway port.</summary>
    public int GatewayPort { get; }

    /// <summary>Its process id.</summary>
    public int Pid => _process.Id;

    /// <summary>Its gateway, for clients.</summary>
    public IPEndPoint Gateway => new(IPAddress.Loopback, GatewayPort);

    /// <summary>What it printed, one line after another.</summary>
    public string Output => string.Join(" / ", _output);

    /// <summary>How long a silo may take to be ready: a start on a busy 2-core machine takes 1-3 s.</summary>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Starts a silo with <paramref name="launch"/> (the braid command and <c>cluster silo</c>) on free ports;
    /// <paramref name="arguments"/> add membership options.
    /// </summary>
    public static SiloProcess Start(WorkerLaunch launch, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var gatewayPort = FreePort();
        var info = new ProcessStartInfo(launch.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in launch.Arguments.Concat(["--port", $"{port}", "--gateway-port", $"{gatewayPort}"]).Concat(arguments)) info.ArgumentList.Add(argument);
        foreach (var (name, value) in (launch.Environment ?? new Dictionary<string, string>()).Concat(environment ?? new Dictionary<string, string>())) info.Environment[name] = value;
        var process = Process.Start(info) ?? throw new ClusterException($"could not start {launch.FileName}");
        return new SiloProcess(process, port, gatewayPort);
    }

    /// <summary>A TCP port free on 127.0.0.1 now (the system picks it, so runs at once do not collide).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
            throw new ClusterException($"silo on port {Port} not ready within {ReadyTimeout.TotalSeconds} s: {Output}");
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

    /// <inheritdoc />
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
