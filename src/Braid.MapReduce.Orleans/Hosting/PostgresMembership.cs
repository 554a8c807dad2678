using Npgsql;

namespace Braid.MapReduce.Orleans.Hosting;

/// <summary>
/// Makes a PostgreSQL database ready to hold a cluster's membership: Braid's tables and the queries Orleans' ADO.NET
/// clustering runs (<c>Membership/postgres-membership.sql</c>, embedded). Idempotent, and serialised by an advisory
/// lock, so every silo may run it as it starts.
/// </summary>
public static class PostgresMembership
{
    /// <summary>The ADO.NET invariant name Orleans loads Npgsql by.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>An arbitrary advisory lock number, Braid's: silos that start together set the schema up one at a time.</summary>
    private const long SchemaLock = 0x62726169_64_6d72;

    /// <summary>The schema script.</summary>
    public static string Script { get; } = ReadScript();

    /// <summary>Creates what is missing; throws <see cref="ClusterException"/> when the database cannot be reached or used.</summary>
    public static async Task EnsureSchemaAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({SchemaLock})", connection, transaction))
            {
                await lockCommand.ExecuteNonQueryAsync(cancellationToken);
            }
            await using (var script = new NpgsqlCommand(Script, connection, transaction))
            {
                await script.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException or TimeoutException)
        {
            throw new ClusterException($"the membership database cannot be used ({Describe(connectionString)}): {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }

    /// <summary>Host, port and database of a connection string, never its password, for messages.</summary>
    public static string Describe(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"host {builder.Host ?? "?"}, port {builder.Port}, database {builder.Database ?? "?"}";
        }
        catch (ArgumentException)
        {
            return "a connection string that does not parse";
        }
    }

    private static string ReadScript()
    {
        using var stream = typeof(PostgresMembership).Assembly.GetManifestResourceStream("postgres-membership.sql")
                           ?? throw new InvalidOperationException("the membership script is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
