using System.Diagnostics;

namespace Braid.IO;

/// <summary>
/// A child process with pipes on the loop (asyncio's create_subprocess_exec, Trio's open_process): write its
/// <see cref="Stdin"/>, read its <see cref="Stdout"/> and <see cref="Stderr"/>, <see cref="WaitAsync"/> for its exit.
/// A strand cancelled while waiting kills the child (and its descendants) before it leaves, so no process outlives
/// the scope that started it.
/// </summary>
public sealed class Subprocess : IDisposable
{
    private readonly Process _process;

    private Subprocess(Process process, Kernel kernel)
    {
        _process = process;
        Stdin = new ProcessPipe(process.StandardInput.BaseStream, kernel);
        Stdout = new ProcessPipe(process.StandardOutput.BaseStream, kernel);
        Stderr = new ProcessPipe(process.StandardError.BaseStream, kernel);
    }

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>, all three standard streams piped.</summary>
    public static Subprocess Start(string fileName, params string[] arguments)
    {
        var kernel = Kernel.Require();
        Poller.For(kernel); // a deterministic loop refuses, as it does sockets
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        return new Subprocess(Process.Start(info) ?? throw new IOException($"could not start {fileName}"), kernel);
    }

    /// <summary>The child's process id.</summary>
    public int Id => _process.Id;

    /// <summary>The child's standard input.</summary>
    public ProcessPipe Stdin { get; }

    /// <summary>The child's standard output.</summary>
    public ProcessPipe Stdout { get; }

    /// <summary>The child's standard error.</summary>
    public ProcessPipe Stderr { get; }

    /// <summary>True once the child has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Waits for the child to exit and returns its exit code; if the waiting strand is cancelled, kills the child and waits for it to die.</summary>
    public async Coroutine<int> WaitAsync()
    {
        try
        {
            await Loop.Cancellable(_process.WaitForExitAsync());
        }
        catch (CancelledException)
        {
            // Kill, then reap in a shielded scope (Trio does the same): when the strand leaves, the child is gone.
            Kill();
            await new CancelScope { Shield = true }.RunAsync(async () => await Loop.Cancellable(_process.WaitForExitAsync()));
            throw;
        }
        return _process.ExitCode;
    }

    /// <summary>Kills the child and its descendants (SIGKILL); nothing if it has exited.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    /// <summary>Closes the pipes and releases the process handle (the child is not killed).</summary>
    public void Dispose()
    {
        Stdin.Dispose();
        Stdout.Dispose();
        Stderr.Dispose();
        _process.Dispose();
    }
}
