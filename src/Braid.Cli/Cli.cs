using System.CommandLine;
using Spectre.Console;

namespace Braid.Cli;

/// <summary>A mistake in what the user asked for: printed as one line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// Runs a command line the way every braid command should end: a result, or one clear line and an exit code (2 for a
/// bad command line, 1 for an error while running, 130 or 143 when interrupted). <c>BRAID_DEBUG=1</c> adds the stack
/// trace after the line, and changes nothing else.
/// </summary>
public static class Cli
{
    public const int UsageError = 2;
    public const int Failure = 1;

    /// <summary>True when BRAID_DEBUG asks for stack traces (1, true, yes; not 0, false, no or empty).</summary>
    public static bool Debug => Environment.GetEnvironmentVariable("BRAID_DEBUG")?.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on";

    /// <summary>How every braid command line is parsed: no response files (an argument starting with @ is a file name).</summary>
    public static ParserConfiguration Parsing { get; } = new() { ResponseFileTokenReplacer = null };

    public static Task<int> RunAsync(RootCommand root, string[] args) => RunAsync(root, args, Console.Error, Debug);

    /// <summary>Runs <paramref name="args"/>, writing the error line (and, with <paramref name="debug"/>, the trace) to <paramref name="error"/>.</summary>
    public static async Task<int> RunAsync(RootCommand root, string[] args, TextWriter error, bool debug)
    {
        var parsed = root.Parse(args, Parsing);
        if (ParseErrors.Describe(parsed) is { } mistake)
        {
            // One line, the first error: a wall of help text hides the mistake.
            error.WriteLine($"braid: {mistake}");
            return UsageError;
        }
        using var interrupts = Interrupts.Handle();
        try
        {
            // Signals are handled here (Interrupts), not by the parser's own handler, so that cleaning up is done once.
            var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null, Error = error };
            return await parsed.InvokeAsync(invocation, interrupts.Token);
        }
        catch (UsageException e)
        {
            return Report(error, e.Message, e, debug, UsageError);
        }
        catch (OperationCanceledException e) when (interrupts.Token.IsCancellationRequested)
        {
            return Report(error, "interrupted", e, debug, interrupts.ExitCode);
        }
        catch (Exception e)
        {
            return Report(error, $"error: {e.Message}", e, debug, Failure);
        }
        finally
        {
            Interrupts.CleanUp();
        }
    }

    private static int Report(TextWriter error, string line, Exception e, bool debug, int code)
    {
        error.WriteLine($"braid: {line.ReplaceLineEndings(" ")}");
        if (debug) error.WriteLine(e);
        return code;
    }

    /// <summary>The console that tables and progress go to; plain text when output is redirected.</summary>
    public static IAnsiConsole Out { get; } = AnsiConsole.Console;
}
