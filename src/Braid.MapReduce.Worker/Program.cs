using Braid.MapReduce.Executors;

// A test hook, in this test-and-embedding worker only (never in 'braid worker'): with BRAID_TEST_HANG_AT_CHUNK=N:FILE
// the worker stops answering when given chunk N, as a hung worker would, unless FILE exists.
Action<int>? beforeMap = null;
if (Environment.GetEnvironmentVariable("BRAID_TEST_HANG_AT_CHUNK") is { } hang && hang.Split(':', 2) is [var chunk, var marker])
{
    var at = int.Parse(chunk, System.Globalization.CultureInfo.InvariantCulture);
    beforeMap = index =>
    {
        if (index == at && !File.Exists(marker)) Thread.Sleep(Timeout.Infinite);
    };
}

return WorkerHost.Run(Console.OpenStandardInput(), Console.OpenStandardOutput(), beforeMap);
