using System.Diagnostics;

namespace Braid.Benchmarks.Echo;

/// <summary>
/// Starting the benchmark's processes: a server pinned to CPU 0 and the load generator pinned to CPU 1 (with
/// taskset, where there is one and two CPUs), and finding the command that runs this very braid.
/// </summary>
internal static class EchoProcesses
{
    public static bool CanPin => Environment.ProcessorCount >= 2 && File.Exists("/usr/bin/taskset");

    /// <summary>The command line that runs this braid: its apphost, or dotnet with its assembly.</summary>
    public static (string File, string[] Prefix) Braid()
    {
        var process = Environment.ProcessPath ?? "braid";
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? (process, [Environment.GetCommandLineArgs()[0]]) : (process, []);
    }

    /// <summary>Starts <paramref name="file"/> on <paramref name="cpu"/> with stdout piped.</summary>
    public static Process Start(int cpu, string file, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(CanPin ? "/usr/bin/taskset" : file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (CanPin)
        {
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(cpu.ToString());
            info.ArgumentList.Add(file);
        }
        foreach (var a in arguments) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        return Process.Start(info) ?? throw new IOException($"could not start {file}");
    }

    /// <summary>Waits until the server accepts a connection on <paramref name="port"/>; false if it exits or takes over 60 s.</summary>
    public static bool WaitListening(Process server, int port)
    {
        var deadline = Stopwatch.GetTimestamp() + 60 * Stopwatch.Frequency;
        while (!server.HasExited && Stopwatch.GetTimestamp() < deadline)
        {
            using var probe = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            try
            {
                probe.Connect(System.Net.IPAddress.Loopback, port);
                return true;
            }
            catch (System.Net.Sockets.SocketException)
            {
                Thread.Sleep(50); // polling another process's start-up: there is nothing to wait on
            }
        }
        return false;
    }

    /// <summary>Runs a program to the end and returns its stdout (throws with its stderr when it fails).</summary>
    public static string RunToEnd(Process process, TimeSpan limit)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{process.StartInfo.FileName} took longer than {limit.TotalSeconds:0} s");
        }
        if (process.ExitCode != 0) throw new IOException($"exit code {process.ExitCode}: {error.Result.Trim()}");
        return output.Result;
    }

    public static void Stop(Process server)
    {
        try
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        server.Dispose();
    }
}
