using System.Runtime.InteropServices;
using Braid.Reporting.Files;

namespace Braid.Cli;

/// <summary>
/// What Ctrl-C and SIGTERM do to a braid command: the first cancels the work (the command's cancellation token), and
/// the command stops at its next check; if it has not stopped within <see cref="Grace"/>, or at a second signal, the
/// process exits. Either way the terminal is put back (the cursor that a progress display hid is shown again) and the
/// temporary files the run made are removed (see <see cref="TempFiles"/>). The exit code is 130 for SIGINT, 143 for SIGTERM.
/// </summary>
public sealed class Interrupts : IDisposable
{
    /// <summary>How long a cancelled command may take to stop before the process exits anyway.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _cancel = new();
    private readonly List<PosixSignalRegistration> _registrations = new();
    private int _signals;

    private Interrupts()
    {
    }

    /// <summary>Handles SIGINT and SIGTERM until disposed.</summary>
    public static Interrupts Handle()
    {
        var interrupts = new Interrupts();
        interrupts._registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, interrupts.OnSignal));
        interrupts._registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, interrupts.OnSignal));
        return interrupts;
    }

    /// <summary>Cancelled at the first signal.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>The exit code for the signal received: 130 (SIGINT) or 143 (SIGTERM); 130 if none.</summary>
    public int ExitCode { get; private set; } = 130;

    /// <summary>True once a progress display may have hidden the cursor; cleaning up shows it again.</summary>
    public static bool CursorMayBeHidden { get; set; }

    /// <summary>Shows the cursor again (if a display hid it on a terminal) and removes the run's temporary files. Never throws.</summary>
    public static void CleanUp()
    {
        TempFiles.DeleteAll();
        if (!CursorMayBeHidden) return;
        try
        {
            if (!Console.IsErrorRedirected) Console.Error.Write("\u001b[?25h");
            if (!Console.IsOutputRedirected) Console.Out.Write("\u001b[?25h");
        }
        catch (IOException)
        {
        }
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Keep the process: the command stops itself, cleanly, through its token.
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) > 1)
        {
            Exit();
            return;
        }
        ExitCode = context.Signal == PosixSignal.SIGTERM ? 143 : 130;
        _cancel.Cancel();
        _ = Task.Delay(Grace).ContinueWith(_ => Exit(), TaskScheduler.Default);
    }

    private void Exit()
    {
        CleanUp();
        Console.Error.WriteLine("braid: interrupted");
        Environment.Exit(ExitCode);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _cancel.Dispose();
    }
}
