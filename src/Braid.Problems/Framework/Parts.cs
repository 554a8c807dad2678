namespace Braid.Problems;

/// <summary>The book's parts, as the problem table names them.</summary>
internal static class Parts
{
    public const string Basic = "basic patterns";
    public const string Classical = "classical";
    public const string LessClassical = "less classical";
    public const string NotSoClassical = "not so classical";
    public const string NotRemotelyClassical = "not remotely classical";
}
