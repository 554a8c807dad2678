using Braid.MapReduce.Jobs;
using Npgsql;

namespace Braid.MapReduce.Orleans.Tests;

/// <summary>
/// Silos whose membership is a table in PostgreSQL (Orleans' ADO.NET clustering through Npgsql, with Braid's schema)
/// form a cluster and run a job exactly; skipped where PostgreSQL is not installed.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PostgresMembershipTests(TestFiles files)
{
    [SkippableFact]
    public async Task ThreeSilos_WithMembershipInPostgres_CountExactlyAsInline()
    {
        Skip.If(PostgresServer.Unavailable is not null, PostgresServer.Unavailable);
        using var server = await PostgresServer.StartAsync();
        await using var cluster = await Clusters.StartPostgresAsync(3, server.ConnectionString);

        var (inline, result) = await Clusters.RunBothAsync(new WordCountJob(), files.Words("postgres.txt"), cluster.Executor(sendBytes: false), TestFiles.ChunkSize);

        Assert.Equal(ClusterAgreementTests.Sorted(inline.Values), ClusterAgreementTests.Sorted(result.Values));
        // The silos found each other through the table: three active rows (Orleans' SiloStatus.Active is 3).
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var active = new NpgsqlCommand("SELECT count(*) FROM braid_silos WHERE cluster = 'braid' AND status = 3", connection);
        Assert.Equal(3L, await active.ExecuteScalarAsync());
    }

    [Fact]
    public async Task UnreachableDatabase_SiloFailsWithOneLine()
    {
        var port = BraidCommand.FreePort();
        var (code, _, error) = await BraidCommand.RunAsync("cluster", "silo", "--port", $"{BraidCommand.FreePort()}", "--gateway-port", $"{BraidCommand.FreePort()}",
            "--membership", "postgres", "--connection", $"Host=127.0.0.1;Port={port};Username=braid;Database=braid;Timeout=3");
        Assert.NotEqual(0, code);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith($"braid: error: the membership database cannot be used (host 127.0.0.1, port {port}, database braid): ", lines[0], StringComparison.Ordinal);
    }
}
