using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Braid.Monkey.Generator;

/// <summary>
/// Where monkey patching cannot help, says so: in a project that enables BraidMonkeyPatch, a warning at every
/// <c>lock</c> statement and at every call of a known blocking API that <see cref="PatchTable"/> does not redirect.
/// On a green thread such a call blocks the OS thread that holds the loop's baton, and so stalls every green thread.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnpatchedBlockingAnalyzer : DiagnosticAnalyzer
{
    /// <summary>BRAID100: a blocking call monkey patching does not redirect.</summary>
    public static readonly DiagnosticDescriptor Unpatched = new(
        "BRAID100",
        "Blocking call not patched for green threads",
        "{0} blocks the OS thread and is not monkey-patched: on a green thread it stalls every green thread on the loop ({1})",
        "Braid.Green",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Unpatched);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (!start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.BraidMonkeyPatch", out var on) ||
                !string.Equals(on, "true", System.StringComparison.OrdinalIgnoreCase)) return;
            start.RegisterSyntaxNodeAction(ctx => ctx.ReportDiagnostic(Diagnostic.Create(Unpatched, ((LockStatementSyntax)ctx.Node).LockKeyword.GetLocation(),
                "The lock statement", "use Green.Wait(() => asyncLock.Acquire()) and a Braid lock")), SyntaxKind.LockStatement);
            start.RegisterSyntaxNodeAction(AnalyzeInvocation, SyntaxKind.InvocationExpression);
            start.RegisterSyntaxNodeAction(AnalyzeMember, SyntaxKind.SimpleMemberAccessExpression);
        });
    }

    private static void AnalyzeInvocation(SyntaxNodeAnalysisContext ctx)
    {
        if (ctx.SemanticModel.GetSymbolInfo(ctx.Node, ctx.CancellationToken).Symbol is not IMethodSymbol method) return;
        var signature = MonkeyPatchGenerator.Signature(method);
        if (PatchTable.Rows.Any(r => r.Signature == signature)) return;
        var name = signature.Substring(0, signature.IndexOf('('));
        if (PatchTable.Unpatched.Contains(name)) Report(ctx, signature);
    }

    private static void AnalyzeMember(SyntaxNodeAnalysisContext ctx)
    {
        if (ctx.SemanticModel.GetSymbolInfo(ctx.Node, ctx.CancellationToken).Symbol is not IPropertySymbol property) return;
        var name = $"{property.ContainingType.OriginalDefinition.ToDisplayString()}.{property.Name}";
        if (PatchTable.Unpatched.Contains(name)) Report(ctx, name);
    }

    private static void Report(SyntaxNodeAnalysisContext ctx, string what) =>
        ctx.ReportDiagnostic(Diagnostic.Create(Unpatched, ctx.Node.GetLocation(), what, "call a Green method or a patched overload instead"));
}
