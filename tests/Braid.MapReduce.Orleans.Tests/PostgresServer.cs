using System.Diagnostics;
using Npgsql;

namespace Braid.MapReduce.Orleans.Tests;

/// <summary>
/// A throw-away PostgreSQL server for one test: Debian's postgresql binaries, a fresh data folder, 127.0.0.1 on a free
/// port, no durability (fsync off). Started only where PostgreSQL is installed; as root it runs as the postgres user,
/// since PostgreSQL refuses to run as root.
/// </summary>
internal sealed class PostgresServer : IDisposable
{
    private readonly string _bin;
    private readonly string _dir;
    private readonly string? _user;

    private PostgresServer(string bin, string dir, string? user, int port)
    {
        _bin = bin;
        _dir = dir;
        _user = user;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=braid;Database=braid;Timeout=10";

    /// <summary>The folder of initdb and pg_ctl, newest version first; null where PostgreSQL is not installed.</summary>
    public static string? Binaries { get; } = Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
            .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
            .FirstOrDefault()
        : null;

    /// <summary>Why no server can be started here, or null when one can.</summary>
    public static string? Unavailable { get; } =
        Binaries is null ? "PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb; Debian: apt-get install postgresql)"
        : Environment.UserName == "root" && !File.Exists("/usr/sbin/runuser") ? "running as root without runuser to become postgres"
        : null;

    public static async Task<PostgresServer> StartAsync()
    {
        var dir = Directory.CreateTempSubdirectory("braid-postgres-").FullName;
        var user = Environment.UserName == "root" ? "postgres" : null;
        if (user is not null) Run("chown", ["-R", $"{user}:", dir], null);
        var server = new PostgresServer(Binaries!, dir, user, BraidCommand.FreePort());
        try
        {
            server.Pg("initdb", ["-D", server.Data, "-U", "braid", "-A", "trust", "-E", "UTF8", "--no-sync"]);
            // -w: pg_ctl returns once the server accepts connections, an explicit signal rather than a guess.
            server.Pg("pg_ctl", ["-D", server.Data, "-w", "-t", "60", "-l", Path.Combine(dir, "server.log"),
                "-o", $"-p {server.Port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off", "start"]);
            await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={server.Port};Username=braid;Database=postgres");
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE braid", connection);
            await create.ExecuteNonQueryAsync();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    private string Data => Path.Combine(_dir, "data");

    private void Pg(string tool, IReadOnlyList<string> arguments) => Run(Path.Combine(_bin, tool), arguments, _user);

    private static void Run(string program, IReadOnlyList<string> arguments, string? user)
    {
        var info = user is null ? new ProcessStartInfo(program) : new ProcessStartInfo("/usr/sbin/runuser");
        if (user is not null)
        {
            foreach (var a in new[] { "-u", user, "--", program }) info.ArgumentList.Add(a);
        }
        foreach (var a in arguments) info.ArgumentList.Add(a);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.WorkingDirectory = "/tmp";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {error} {output.Result}");
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Data)) Pg("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Never started, or stopped already.
        }
        Directory.Delete(_dir, recursive: true);
    }
}
