using Microsoft.Extensions.Hosting;

namespace Braid.MapReduce.Orleans.Hosting;

/// <summary>
/// A host lifetime that does nothing. .NET's default (the console lifetime) takes Ctrl-C and SIGTERM for itself and
/// stops the host, which in the braid command would stop an Orleans client under a running job, or fail a connection
/// with "the operation was canceled", instead of the command's own cancellation (exit 130, one line) and the silo's
/// own orderly leave.
/// </summary>
internal sealed class QuietLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
