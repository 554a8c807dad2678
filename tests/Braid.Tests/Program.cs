using Braid.IO;

namespace Braid.Tests;

/// <summary>
/// The test assembly's entry point. The test host never calls it; tests that need a child process start this
/// assembly with <c>dotnet Braid.Tests.dll ROLE</c> and get the role's behaviour (see <see cref="IO.SignalTests"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args) => args.FirstOrDefault() switch
    {
        "signal-child" => SignalChild(),
        "upper" => Upper(),
        _ => 2,
    };

    /// <summary>A worker "function" for ToProcess: its stdin, upper-cased, on stdout.</summary>
    private static int Upper()
    {
        Console.Out.Write(Console.In.ReadToEnd().ToUpperInvariant());
        return 0;
    }

    /// <summary>Waits forever in a strand; a signal cancels it, its finally block reports, and the exit code names the signal.</summary>
    private static int SignalChild() => Signals.Run(async () =>
    {
        try
        {
            Console.WriteLine("ready");
            await Loop.Sleep(TimeSpan.FromHours(1));
        }
        finally
        {
            Console.WriteLine("finally ran");
        }
    });
}
