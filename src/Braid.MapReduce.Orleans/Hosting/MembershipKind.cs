namespace Braid.MapReduce.Orleans.Hosting;

/// <summary>Where a cluster keeps its list of silos.</summary>
public enum MembershipKind
{
    /// <summary>
    /// Orleans' development clustering: the primary silo holds the list in memory, for a cluster on one machine (or a
    /// few, for a try). The cluster cannot outlive its primary.
    /// </summary>
    Localhost,

    /// <summary>A membership table in PostgreSQL through Orleans' ADO.NET clustering: for real machines.</summary>
    Postgres,
}
