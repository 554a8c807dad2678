using System.CommandLine;
using Spectre.Console;

namespace Braid.Cli;

/// <summary>A mistake in what the user asked for: printed as one line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>Runs a command line the way every braid command should end: a result, or one clear line and an exit code.</summary>
public static class Cli
{
    public const int UsageError = 2;
    public const int Failure = 1;

    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // One line, the first error: a wall of help text hides the mistake.
            Console.Error.WriteLine($"braid: {parsed.Errors[0].Message} (see 'braid --help')");
            return UsageError;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"braid: {e.Message}");
            return UsageError;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("braid: cancelled");
            return 130;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("BRAID_DEBUG") is null)
        {
            Console.Error.WriteLine($"braid: error: {e.Message}");
            return Failure;
        }
    }

    /// <summary>The console that tables and progress go to; plain text when output is redirected.</summary>
    public static IAnsiConsole Out { get; } = AnsiConsole.Console;
}
