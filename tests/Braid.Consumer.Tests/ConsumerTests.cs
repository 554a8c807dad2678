using Braid;
using System.Reflection;
using Xunit;

namespace Consumer;

public class ConsumerTests
{
    [Fact]
    public void CoroutinePrimitives_RunAsAUserWritesThem() =>
        Assert.Equal(["sum 10", "condition", "barrier 0"], EveryType.Coroutines());

    [Fact]
    public void SelectAndCancellation_RunAsAUserWritesThem() =>
        Assert.Equal(["from a", "timeout", "default", "cancelled", "moved on", "too slow after 1 s", "answer 42 Finished"], EveryType.SelectAndCancel());

    [Fact]
    public void EveryBraidException_IsCaughtByItsName()
    {
        var log = EveryType.Exceptions();
        Assert.Equal(["end of channel", "closed resource", "broken channel", "task group: 2 failures"], log.Take(4));
        Assert.StartsWith("deadlock: receive from Channel 'nobody sends'", log[4]);
    }

    [Fact]
    public void ThreadVersions_RunBesideSystemThreading() =>
        Assert.Equal(["thread channel 6", "System.Threading.Channels 7"], EveryType.Threads());

    /// <summary>The namespaces a user's project imports: the SDK's implicit usings and System.Threading.Channels.</summary>
    private static readonly string[] UserNamespaces =
    [
        "System", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks",
        "System.Collections.Generic", "System.Threading.Channels",
    ];

    [Fact]
    public void NoPublicBraidType_SharesANameWithATypeInTheUsersNamespaces()
    {
        // Every assembly of the shared framework this test runs on, not only the ones this project happens to use.
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var theirs = new HashSet<string>();
        foreach (var file in Directory.EnumerateFiles(framework, "*.dll"))
        {
            Assembly assembly;
            try
            {
                assembly = Assembly.Load(AssemblyName.GetAssemblyName(file));
            }
            catch (BadImageFormatException)
            {
                continue; // a native library
            }
            foreach (var type in assembly.GetExportedTypes())
            {
                if (UserNamespaces.Contains(type.Namespace)) theirs.Add(type.Name);
            }
        }
        Assert.Contains("Lock", theirs); // the scan sees the types that motivated the renames
        Assert.Contains("Channel`1", theirs);
        var ours = typeof(Loop).Assembly.GetExportedTypes().Where(t => t.Namespace == "Braid" && !t.IsNested).Select(t => t.Name);
        var shared = ours.Where(theirs.Contains).ToList();
        Assert.True(shared.Count == 0, $"public Braid types named like types the user already imports: {string.Join(", ", shared)}");
    }
}
