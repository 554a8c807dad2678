using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Braid.IO;

namespace Braid.Tests.IO;

[Collection(IoCollection.Name)]
public class TlsTests
{
    /// <summary>A self-signed certificate for localhost, made now: nothing secret is committed.</summary>
    private static X509Certificate2 MakeCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }

    [Fact]
    public void SslStream_OverABraidSocket_RoundTripsOnTheLoop()
    {
        using var certificate = MakeCertificate();
        var (reply, protocol) = Loop.Run(async () =>
        {
            using var listener = Tcp.Listen(IoTestKit.Loopback, 0);
            var server = Loop.Spawn(async () =>
            {
                var socket = await listener.AcceptAsync();
                await using var tls = new SslStream(socket.AsStream());
                await tls.AuthenticateAsServerAsync(certificate);
                var buffer = new byte[64];
                var n = await tls.ReadAsync(buffer);
                await tls.WriteAsync(Encoding.ASCII.GetBytes("secret " + Encoding.ASCII.GetString(buffer, 0, n)));
                await tls.ShutdownAsync();
            });
            var socket = await Tcp.ConnectAsync((IPEndPoint)listener.LocalEndPoint);
            await using var tls = new SslStream(socket.AsStream(), false, (_, cert, _, _) => cert?.GetCertHashString() == certificate.GetCertHashString());
            await tls.AuthenticateAsClientAsync("localhost");
            await tls.WriteAsync("hello"u8.ToArray());
            var reply = new MemoryStream();
            await tls.CopyToAsync(reply);
            await server.Join();
            return (Encoding.ASCII.GetString(reply.ToArray()), tls.SslProtocol);
        });
        Assert.Equal("secret hello", reply);
        Assert.NotEqual(System.Security.Authentication.SslProtocols.None, protocol);
    }
}
