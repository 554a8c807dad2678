using System.Net;

namespace Braid.MapReduce.Orleans.Hosting;

/// <summary>How to start a silo (<c>braid cluster silo</c>).</summary>
public sealed record SiloSettings
{
    /// <summary>The address the silo listens on and that others reach it by.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The port silos talk to each other on.</summary>
    public int Port { get; init; } = 11111;

    /// <summary>The port clients connect to.</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary>
    /// With <see cref="MembershipKind.Localhost"/>: the primary silo's silo port, or null for this silo to be the primary.
    /// </summary>
    public IPEndPoint? Primary { get; init; }

    /// <summary>The cluster's name: silos and clients of different clusters refuse each other.</summary>
    public string ClusterId { get; init; } = ClusterDefaults.ClusterId;

    /// <summary>Where the list of silos is kept.</summary>
    public MembershipKind Membership { get; init; } = MembershipKind.Localhost;

    /// <summary>With <see cref="MembershipKind.Postgres"/>: the Npgsql connection string of the membership database.</summary>
    public string? ConnectionString { get; init; }
}
