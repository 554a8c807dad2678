using System.Text;
using Braid.MapReduce.Engine;
using Braid.MapReduce.Executors;
using Braid.MapReduce.Generators;
using Braid.MapReduce.Jobs;

namespace Braid.MapReduce.Tests;

/// <summary>
/// A file that changes while a job reads it (cut short, grown, rewritten with the same length) fails the job with
/// "FILE changed", on every executor and for every job: a result is never returned from an input that was cut short.
/// The change is made at a chosen chunk, when the executor takes that chunk from the splitter, so it always falls
/// mid-job.
/// </summary>
public sealed class ChangedInputTests : IClassFixture<TestInputs>
{
    private readonly TestInputs _inputs;

    public ChangedInputTests(TestInputs inputs) => _inputs = inputs;

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var executor in new[] { "inline", "threads", "processes", "processes-bytes" })
        {
            foreach (var job in new[] { WordCountJob.JobName, LogsJob.JobName })
            {
                foreach (var change in new[] { "shrinks", "grows", "rewritten" }) data.Add(executor, job, change);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AFileThatChangesMidJob_FailsTheJob_SayingItChanged(string executor, string jobName, string change)
    {
        var file = Generated($"{executor}-{jobName}-{change}.txt", jobName);
        // The file's times are set back, so that any write, however soon, gives it a new modification time.
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-1));
        var length = new FileInfo(file).Length;
        Action meddle = change switch
        {
            "shrinks" => () => { using var f = new FileStream(file, FileMode.Open, FileAccess.Write); f.SetLength(length / 2); },
            "grows" => () => File.AppendAllText(file, "more words and more\n"),
            _ => () =>
            {
                // Every byte replaced, the length kept: only the file's times tell.
                var bytes = File.ReadAllBytes(file);
                Array.Reverse(bytes);
                File.WriteAllBytes(file, bytes);
            },
        };
        JobCatalog.TryCreate(jobName, out var job);
        var meddling = new MeddlingExecutor(TestInputs.Executor(executor), atChunk: 2, meddle);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => MapReduceRunner.RunAsync(job!, [file], meddling, 8 << 10));
        Assert.True(meddling.Meddled, "the file was never changed: the test tests nothing");
        Assert.IsType<InputChangedException>(error);
        Assert.StartsWith($"{file} changed while the job read it", error.Message);
    }

    [Fact]
    public async Task AnUnchangedFile_StillCounts()
    {
        var file = Generated("unchanged.txt", WordCountJob.JobName);
        var result = await MapReduceRunner.RunAsync(new WordCountJob(), [file], new MeddlingExecutor(new InlineExecutor(), 2, () => { }), 8 << 10);
        Assert.True(result.Values.Count > 0);
    }

    private string Generated(string name, string jobName)
    {
        using var memory = new MemoryStream();
        if (jobName == LogsJob.JobName) LogsGenerator.Write(memory, 128 << 10, 5);
        else WordsGenerator.Write(memory, 128 << 10, 5);
        return _inputs.Write(name, memory.ToArray());
    }

    /// <summary>Runs another executor, calling <c>meddle</c> once, as the executor takes chunk <c>atChunk</c> from the splitter.</summary>
    private sealed class MeddlingExecutor(IExecutor inner, int atChunk, Action meddle) : IExecutor
    {
        public bool Meddled { get; private set; }

        public string Name => inner.Name;

        public int Workers => inner.Workers;

        public bool NeedsBytes => inner.NeedsBytes;

        public Task RunAsync(MapReduceJob job, IEnumerable<Chunk> chunks, Action<IReadOnlyList<Chunk>, Partial> done, MapReduceStats stats, CancellationToken cancellationToken) =>
            inner.RunAsync(job, Meddle(chunks), done, stats, cancellationToken);

        private IEnumerable<Chunk> Meddle(IEnumerable<Chunk> chunks)
        {
            foreach (var chunk in chunks)
            {
                if (chunk.Index == atChunk && !Meddled)
                {
                    meddle();
                    Meddled = true;
                }
                yield return chunk;
            }
        }
    }
}
