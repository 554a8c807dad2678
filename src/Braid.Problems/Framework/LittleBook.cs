using System.Reflection;

namespace Braid.Problems;

/// <summary>Every problem, in the book's order.</summary>
public static class LittleBook
{
    private static readonly Lazy<IReadOnlyList<Problem>> s_all = new(() => typeof(LittleBook).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(Problem)) && !t.IsAbstract)
        .Select(t => (Problem)Activator.CreateInstance(t, nonPublic: true)!)
        .OrderBy(p => ChapterKey(p.Chapter)).ThenBy(p => p.Name, StringComparer.Ordinal)
        .ToArray());

    /// <summary>The problems, ordered by chapter.</summary>
    public static IReadOnlyList<Problem> All => s_all.Value;

    /// <summary>The problem called <paramref name="name"/>; throws <see cref="ArgumentException"/> listing the known ones.</summary>
    public static Problem Find(string name) =>
        All.FirstOrDefault(p => p.Name == name)
        ?? throw new ArgumentException($"unknown problem '{name}'; known: {string.Join(", ", All.Select(p => p.Name))}");

    /// <summary>Checks that <paramref name="variant"/> is one of the problem's broken variants (null: the correct solution).</summary>
    public static void CheckVariant(Problem problem, string? variant)
    {
        if (variant is not null && problem.Broken.All(b => b.Name != variant))
        {
            throw new ArgumentException($"{problem.Name} has no broken variant '{variant}'; known: {string.Join(", ", problem.Broken.Select(b => b.Name))}");
        }
    }

    private static string ChapterKey(string chapter) =>
        string.Concat(chapter.Split('.').Select(part => part.PadLeft(3, '0')));
}
