using System.Net;
using Braid.MapReduce.Orleans.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Braid.MapReduce.Orleans;

/// <summary>
/// A client's connection to a Braid cluster through one or more of its gateways (any silo is one). Connecting fails
/// fast, with one line: no gateway answers, or the gateway belongs to another cluster.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterConnection(IHost host, IReadOnlyList<IPEndPoint> gateways, string clusterId)
    {
        _host = host;
        Gateways = gateways;
        ClusterId = clusterId;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>The Orleans client.</summary>
    public IClusterClient Client { get; }

    /// <summary>The gateways it was given.</summary>
    public IReadOnlyList<IPEndPoint> Gateways { get; }

    /// <summary>The cluster's id.</summary>
    public string ClusterId { get; }

    /// <summary>How long connecting may take before the gateways are deemed unreachable.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Connects to the cluster <paramref name="clusterId"/> through <paramref name="gateways"/>. Grain calls time out
    /// after <paramref name="responseTimeout"/> (the executor watches for lost silos and hung slots itself, sooner).
    /// Throws <see cref="ClusterException"/> when it cannot.
    /// </summary>
    public static async Task<ClusterConnection> ConnectAsync(IReadOnlyList<IPEndPoint> gateways, string clusterId = ClusterDefaults.ClusterId,
        TimeSpan? responseTimeout = null, CancellationToken cancellationToken = default)
    {
        if (gateways.Count == 0) throw new ClusterException("no gateway given (--gateway HOST:PORT)");
        var host = new HostBuilder()
            .ConfigureServices(services => services.AddSingleton<IHostLifetime, QuietLifetime>())
            .UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = clusterId;
                    o.ServiceId = ClusterDefaults.ServiceId;
                });
                client.UseStaticClustering([.. gateways]);
                client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = responseTimeout ?? TimeSpan.FromMinutes(5));
                // One failed attempt is the answer: a user waiting on a wrong address wants to hear so, not wait.
                client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
            })
            .Build();
        var where = string.Join(", ", gateways);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ConnectTimeout);
        try
        {
            await host.StartAsync(deadline.Token);
        }
        catch (Exception e)
        {
            host.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            var why = deadline.IsCancellationRequested ? $"no answer within {ConnectTimeout.TotalSeconds:0} s"
                : Closed(e) ? $"the gateway closed the connection during the handshake: it is a silo of another cluster (this client asked for '{clusterId}'; see the silo's --cluster-id), or not a silo"
                : SiloHost.OneLine(e);
            throw new ClusterException($"cannot connect to cluster '{clusterId}' at {where}: {why}", e);
        }
        return new ClusterConnection(host, gateways, clusterId);
    }

    /// <summary>
    /// True when a gateway accepted the connection and then closed it before the handshake ended: what an Orleans silo
    /// does to a client that names another cluster id (it says no more than that). Orleans words it two ways, both seen
    /// in tests: the connection aborted ("Underlying connection closed"), or "Connection terminated prematurely".
    /// </summary>
    private static bool Closed(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner.GetType().Name == "ConnectionAbortedException" || inner.Message.Contains("terminated prematurely", StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>Parses <c>HOST:PORT</c> (a name or an address); throws <see cref="FormatException"/> for anything else.</summary>
    public static IPEndPoint ParseEndpoint(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], out var port) || port is < 1 or > 65535) throw new FormatException($"'{text}' is not HOST:PORT");
        var name = text[..colon].Trim('[', ']');
        if (IPAddress.TryParse(name, out var address)) return new IPEndPoint(address, port);
        try
        {
            var found = Dns.GetHostAddresses(name).OrderBy(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 0 : 1).FirstOrDefault();
            return found is null ? throw new FormatException($"'{name}' has no address") : new IPEndPoint(found, port);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new FormatException($"'{name}' does not resolve: {e.Message}");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _host.StopAsync(grace.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or OrleansException or TimeoutException)
        {
            // The cluster may be gone already: nothing to leave.
        }
        _host.Dispose();
    }
}
