using System.Text;
using Braid.Crawler.State;

namespace Braid.Crawler.Output;

/// <summary>
/// The JSON Lines file. Records stream to <c>FILE.part</c> while the crawl runs (so it can be followed), and the
/// file takes its name only when the crawl ends, by rename: a reader never sees a half-written result. With a state
/// file the final file is written from the state's records, so a resumed crawl's output holds every run's records.
/// </summary>
internal sealed class JsonlOutput : IDisposable
{
    private readonly string _path;
    private readonly StreamWriter _writer;
    private int _unflushed;

    private JsonlOutput(string path, StreamWriter writer)
    {
        _path = path;
        _writer = writer;
    }

    public static JsonlOutput? Open(string? path)
    {
        if (path is null) return null;
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new CrawlInputException($"--out: {path} is a directory");
        try
        {
            return new JsonlOutput(full, new StreamWriter(full + ".part", append: false, new UTF8Encoding(false), 1 << 16));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CrawlInputException($"--out: cannot write {path}: {e.Message}");
        }
    }

    public void Write(string json)
    {
        _writer.Write(json);
        _writer.Write('\n');
        if (++_unflushed >= 64)
        {
            _writer.Flush();
            _unflushed = 0;
        }
    }

    /// <summary>Ends the file and renames it into place; with <paramref name="state"/>, rewrites it from every run's records first.</summary>
    public void Finish(ICrawlState? state)
    {
        _writer.Dispose();
        var part = _path + ".part";
        if (state is not null)
        {
            using var all = new StreamWriter(part, append: false, new UTF8Encoding(false), 1 << 16);
            foreach (var json in state.Records())
            {
                all.Write(json);
                all.Write('\n');
            }
        }
        File.Move(part, _path, overwrite: true);
    }

    public void Dispose() => _writer.Dispose();
}
