using Braid.Overheads.Child;

namespace Braid.Overheads.Tests;

/// <summary>The child process the tests start: Braid.Overheads.Child.dll beside them, run by the dotnet host that runs the tests.</summary>
internal static class TestChild
{
    public static string Assembly { get; } = Path.Combine(AppContext.BaseDirectory, "Braid.Overheads.Child.dll");

    public static ChildLauncher Launcher { get; } =
        new(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet", ["exec", Assembly]);
}
