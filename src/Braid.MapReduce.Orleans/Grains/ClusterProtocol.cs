namespace Braid.MapReduce.Orleans.Grains;

/// <summary>
/// What a client and a silo must agree on to work together. Orleans checks that both speak its own protocol; this is
/// Braid's: the grain calls and what they carry, the jobs and how their results are encoded. A silo of another
/// protocol is refused by the client with one line, before any chunk is sent.
/// </summary>
public static class ClusterProtocol
{
    /// <summary>Raised whenever a grain call, its messages, a job or the result encoding changes.</summary>
    public const int Version = 1;

    /// <summary>
    /// The protocol this process speaks: <see cref="Version"/>, unless <c>BRAID_CLUSTER_PROTOCOL</c> says otherwise,
    /// which is how a test stands up a silo "of another version" without building one.
    /// </summary>
    public static int Current { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("BRAID_CLUSTER_PROTOCOL"), out var overridden) ? overridden : Version;

    /// <summary>The Braid build, for messages: the engine assembly's informational version.</summary>
    public static string BraidVersion { get; } =
        typeof(Engine.MapReduceJob).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "unknown";
}
