using System.Diagnostics;

namespace Braid.Tests.IO;

[Collection(IoCollection.Name)]
public class SignalTests
{
    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    public void ASignal_CancelsMain_FinallyRuns_AndTheExitCodeNamesIt(string signal, int expected)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(SignalTests).Assembly.Location);
        info.ArgumentList.Add("signal-child");
        using var child = Process.Start(info)!;
        try
        {
            Assert.Equal("ready", child.StandardOutput.ReadLine()); // printed once its handlers are registered
            using (var kill = Process.Start("kill", ["-" + signal, child.Id.ToString()])) kill.WaitForExit();
            var rest = child.StandardOutput.ReadToEnd();
            Assert.True(child.WaitForExit(TimeSpan.FromSeconds(30)));
            Assert.Contains("finally ran", rest);
            Assert.Equal(expected, child.ExitCode);
        }
        finally
        {
            if (!child.HasExited) child.Kill();
        }
    }
}
