using System.Diagnostics;
using System.Text;

namespace Braid.Cli.Tests;

/// <summary>
/// Ctrl-C in a terminal and SIGTERM: the command stops, the cursor that its progress display hid is shown again, and
/// the temporary inputs it generated are gone. The terminal is a real pseudo-terminal, from util-linux's script(1).
/// </summary>
public sealed class InterruptTests : IDisposable
{
    private const string HideCursor = "\u001b[?25l";
    private const string ShowCursor = "\u001b[?25h";

    private readonly string _dir = Directory.CreateTempSubdirectory("braid-interrupt-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableFact]
    public async Task CtrlC_InATerminal_DuringAProgressDisplay_LeavesTheCursorVisible()
    {
        Skip.IfNot(File.Exists("/usr/bin/script"), "script(1) from util-linux is not installed, and it provides the pseudo-terminal");
        var input = Path.Combine(_dir, "words.txt");
        Assert.Equal(0, BraidProcess.Run("mapreduce", "generate", "words", "--size", "1MB", "--out", input).ExitCode);
        // The same file two thousand times over: 2 GB of work, far more than the moment it takes to press Ctrl-C.
        await CtrlC_LeavesTheCursorVisible("mapreduce wordcount --executor threads --workers 1 --top 1 "
                      + string.Join(' ', Enumerable.Repeat("words.txt", 2000))); // relative: one argument of sh -c is at most 128 KB
    }

    [SkippableFact]
    public async Task CtrlC_InATerminal_DuringTheToursLiveDisplay_LeavesTheCursorVisible()
    {
        Skip.IfNot(File.Exists("/usr/bin/script"), "script(1) from util-linux is not installed, and it provides the pseudo-terminal");
        // The GIL lab checks for cancellation between its cases; the full run has many seconds of them.
        await CtrlC_LeavesTheCursorVisible("tour --only gil --out report");
    }

    private async Task CtrlC_LeavesTheCursorVisible(string arguments)
    {
        var command = $"exec '{BraidProcess.Dotnet}' exec '{BraidProcess.Assembly}' {arguments}";
        var info = new ProcessStartInfo("/usr/bin/script") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = _dir };
        foreach (var arg in new[] { "-qfec", command, "/dev/null" }) info.ArgumentList.Add(arg);
        info.Environment.Remove("BRAID_DEBUG");
        // A terminal that understands escape sequences (CI may run with none named), as a person's does.
        info.Environment["TERM"] = "xterm-256color";
        using var process = Process.Start(info)!;
        try
        {
            var screen = new StringBuilder();
            var buffer = new char[4096];
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            // Wait until the progress display has hidden the cursor: then the job is running.
            while (!screen.ToString().Contains(HideCursor, StringComparison.Ordinal))
            {
                var read = await process.StandardOutput.ReadAsync(buffer, deadline.Token);
                Assert.True(read > 0, $"the command ended before showing its progress: {screen}");
                screen.Append(buffer, 0, read);
            }
            await process.StandardInput.WriteAsync('\u0003'); // Ctrl-C, which the terminal turns into SIGINT
            await process.StandardInput.FlushAsync(deadline.Token);
            screen.Append(await process.StandardOutput.ReadToEndAsync(deadline.Token));
            await process.WaitForExitAsync(deadline.Token);

            var text = screen.ToString();
            var hidden = text.LastIndexOf(HideCursor, StringComparison.Ordinal);
            Assert.True(text.IndexOf(ShowCursor, hidden, StringComparison.Ordinal) > hidden, $"the cursor was left hidden: {Printable(text)}");
            Assert.Equal(130, process.ExitCode);
            Assert.Contains("braid: interrupted", text);
            Assert.DoesNotContain("   at ", text);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Sigterm_DuringABenchmark_RemovesTheInputItGenerated()
    {
        var temp = Directory.CreateDirectory(Path.Combine(_dir, "tmp")).FullName;
        var info = BraidProcess.StartInfo(["bench", "mapreduce", "--size", "64MB"], new Dictionary<string, string> { ["TMPDIR"] = temp });
        using var process = Process.Start(info)!;
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
            // The first measured run starts once the input is generated: then it is there to be cleaned up.
            string? line;
            while ((line = await process.StandardError.ReadLineAsync(deadline.Token)) is not null && !line.Contains("wordcount on", StringComparison.Ordinal))
            {
            }
            Assert.NotNull(line);
            Assert.NotEmpty(Generated(temp));
            // The shell's own kill: .NET sends no SIGTERM, and the kill program need not be installed.
            using (var kill = Process.Start("sh", ["-c", $"kill -TERM {process.Id}"]))
            {
                await kill.WaitForExitAsync(deadline.Token);
            }
            var rest = await process.StandardError.ReadToEndAsync(deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
            await output;
            Assert.Equal(143, process.ExitCode);
            Assert.Contains("braid: interrupted", rest);
            Assert.Empty(Generated(temp));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>The files braid generated in the temporary folder (the runtime keeps files of its own there too).</summary>
    private static string[] Generated(string temp) => Directory.GetFiles(temp, "braid-*");

    private static string Printable(string text) => text.Replace("\u001b", "ESC", StringComparison.Ordinal);
}
