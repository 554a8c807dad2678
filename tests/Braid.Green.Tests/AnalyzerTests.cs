using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Braid.Monkey.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Braid.MonkeyTests;

/// <summary>What monkey patching cannot redirect is reported (BRAID100); what it can, is not.</summary>
public class AnalyzerTests
{
    private const string Source = """
        using System.Threading;
        class C
        {
            readonly object _gate = new();
            void M(SemaphoreSlim s, Thread t, System.IO.StreamReader r)
            {
                lock (_gate) { }              // reported: the lock statement
                Monitor.Wait(_gate);          // reported: Monitor is the OS thread's
                t.Join(100);                  // reported: only Join() is patched
                r.ReadLine();                 // reported: blocks inside the BCL
                s.Wait();                     // patched: not reported
                Thread.Sleep(10);             // patched: not reported
            }
        }
        """;

    private static ImmutableArray<Diagnostic> Analyze(bool enabled)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("Snippet", [CSharpSyntaxTree.ParseText(Source)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var options = new AnalyzerOptions([], new Options(enabled));
        return compilation.WithAnalyzers([new UnpatchedBlockingAnalyzer()], options)
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    }

    [Fact]
    public void UnpatchedBlockingCalls_AndLock_AreReported_WhenPatchingIsOn()
    {
        var lines = Analyze(enabled: true).Where(d => d.Id == "BRAID100")
            .Select(d => d.Location.GetLineSpan().StartLinePosition.Line + 1).Order().ToList();
        Assert.Equal([7, 8, 9, 10], lines);
    }

    [Fact]
    public void NothingIsReported_WhenPatchingIsOff() => Assert.Empty(Analyze(enabled: false));

    private sealed class Options(bool enabled) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(enabled);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => GlobalOptions;
    }

    private sealed class Values(bool enabled) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value)
        {
            value = enabled && key == "build_property.BraidMonkeyPatch" ? "true" : null;
            return value is not null;
        }
    }
}
