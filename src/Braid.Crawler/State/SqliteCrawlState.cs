using Braid.Crawler.Frontier;
using Microsoft.Data.Sqlite;

namespace Braid.Crawler.State;

/// <summary>
/// The crawl's state in SQLite: a table of URLs (the seen set; <c>done = 0</c> rows are the frontier, in the order
/// found) and a table of records. WAL with synchronous=NORMAL: a commit survives the process being killed (it is in
/// the OS's page cache), which is the failure a resumable crawl is for. The file names its crawl (seeds, scope), so
/// a state file of another crawl is refused rather than mixed in.
/// </summary>
internal sealed class SqliteCrawlState : ICrawlState
{
    private readonly SqliteConnection _db;
    private readonly string _identity;

    private SqliteCrawlState(SqliteConnection db, string identity)
    {
        _db = db;
        _identity = identity;
    }

    public static SqliteCrawlState Open(string path, string identity)
    {
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            db.Open();
            Execute(db, """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
                CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS urls (seq INTEGER PRIMARY KEY AUTOINCREMENT, url TEXT NOT NULL UNIQUE, depth INTEGER NOT NULL, referrer TEXT, done INTEGER NOT NULL);
                CREATE TABLE IF NOT EXISTS records (seq INTEGER PRIMARY KEY AUTOINCREMENT, json TEXT NOT NULL);
                """);
        }
        catch (SqliteException e)
        {
            db.Dispose();
            // SQLITE_CANTOPEN (14): no such folder or no permission; anything else: the file is not one of ours.
            throw new CrawlInputException(e.SqliteErrorCode == 14
                ? $"--state: cannot open {path}"
                : $"--state: {path} is not a crawl state file ({e.Message.TrimEnd('.')})");
        }
        return new SqliteCrawlState(db, identity);
    }

    public CrawlSnapshot Load()
    {
        var stored = Scalar("SELECT value FROM meta WHERE key = 'crawl'");
        if (stored is not null && stored != _identity)
        {
            throw new CrawlInputException($"--state: the file belongs to another crawl ({stored}); use another file or the same seeds and scope");
        }
        var done = new List<string>();
        var pending = new List<FrontierEntry>();
        using (var urls = Command("SELECT url, depth, referrer, done FROM urls ORDER BY seq"))
        using (var reader = urls.ExecuteReader())
        {
            while (reader.Read())
            {
                if (reader.GetInt64(3) != 0) done.Add(reader.GetString(0));
                else pending.Add(new FrontierEntry(reader.GetString(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
            }
        }
        return new CrawlSnapshot(done, pending, Records().ToList(), IsNew: stored is null);
    }

    public void AddSeeds(IReadOnlyList<FrontierEntry> seeds)
    {
        using var tx = _db.BeginTransaction();
        using (var meta = Command("INSERT OR REPLACE INTO meta (key, value) VALUES ('crawl', $v)", tx))
        {
            meta.Parameters.AddWithValue("$v", _identity);
            meta.ExecuteNonQuery();
        }
        InsertUrls(seeds, done: false, tx);
        tx.Commit();
    }

    public void Complete(string url, IReadOnlyList<string> hops, string recordJson, IReadOnlyList<FrontierEntry> discovered)
    {
        using var tx = _db.BeginTransaction();
        using (var mark = Command("UPDATE urls SET done = 1 WHERE url = $u", tx))
        {
            mark.Parameters.AddWithValue("$u", url);
            mark.ExecuteNonQuery();
        }
        InsertUrls(hops.Select(h => new FrontierEntry(h, 0, url)), done: true, tx);
        InsertUrls(discovered, done: false, tx);
        using (var record = Command("INSERT INTO records (json) VALUES ($j)", tx))
        {
            record.Parameters.AddWithValue("$j", recordJson);
            record.ExecuteNonQuery();
        }
        tx.Commit();
    }

    public IEnumerable<string> Records()
    {
        using var command = Command("SELECT json FROM records ORDER BY seq");
        using var reader = command.ExecuteReader();
        while (reader.Read()) yield return reader.GetString(0);
    }

    public void Dispose() => _db.Dispose();

    private void InsertUrls(IEnumerable<FrontierEntry> entries, bool done, SqliteTransaction tx)
    {
        using var insert = Command("INSERT OR IGNORE INTO urls (url, depth, referrer, done) VALUES ($u, $d, $r, $done)", tx);
        var u = insert.Parameters.Add("$u", SqliteType.Text);
        var d = insert.Parameters.Add("$d", SqliteType.Integer);
        var r = insert.Parameters.Add("$r", SqliteType.Text);
        insert.Parameters.AddWithValue("$done", done ? 1 : 0);
        foreach (var entry in entries)
        {
            u.Value = entry.Url;
            d.Value = entry.Depth;
            r.Value = (object?)entry.Referrer ?? DBNull.Value;
            insert.ExecuteNonQuery();
        }
    }

    private string? Scalar(string sql)
    {
        using var command = Command(sql);
        return command.ExecuteScalar() as string;
    }

    private SqliteCommand Command(string sql, SqliteTransaction? tx = null)
    {
        var command = _db.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        return command;
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
