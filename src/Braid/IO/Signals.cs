using System.Runtime.InteropServices;

namespace Braid.IO;

/// <summary>
/// Runs a program's main strand so that SIGINT (Ctrl-C) and SIGTERM cancel it, as Trio and asyncio.run do for
/// KeyboardInterrupt: cancellation reaches every strand, finally blocks run, and the exit code says which signal
/// ended the run (130 for SIGINT, 143 for SIGTERM, as a shell reports a process killed by one).
/// </summary>
public static class Signals
{
    /// <summary>Exit code of a run cut short by SIGINT.</summary>
    public const int InterruptedExitCode = 130;

    /// <summary>Exit code of a run cut short by SIGTERM.</summary>
    public const int TerminatedExitCode = 143;

    /// <summary>
    /// Runs <paramref name="main"/> on a new loop on this thread; returns 0 when it finishes, or 130/143 when SIGINT/SIGTERM
    /// cancelled it. Other failures propagate as from <see cref="Loop.Run(Func{Coroutine}, RunOptions?)"/>.
    /// </summary>
    public static int Run(Func<Coroutine> main, RunOptions? options = null)
    {
        PosixSignal? received = null;
        try
        {
            Loop.Run(async () =>
            {
                var kernel = Kernel.Require();
                void OnSignal(PosixSignalContext context)
                {
                    context.Cancel = true; // the loop's cancellation ends the process, not the runtime's default handler
                    lock (kernel) received ??= context.Signal;
                    if (!kernel.IsClosed) kernel.Inbox.Post(kernel.RootScope.Cancel);
                }
                using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
                using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
                await main();
            }, options);
        }
        catch (CancelledException) when (received is not null)
        {
        }
        return received switch
        {
            PosixSignal.SIGINT => InterruptedExitCode,
            PosixSignal.SIGTERM => TerminatedExitCode,
            _ => 0,
        };
    }
}
