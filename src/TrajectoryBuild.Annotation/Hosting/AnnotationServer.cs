using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using TrajectoryBuild.Annotation.Store;

namespace TrajectoryBuild.Annotation.Hosting;

/// <summary>The annotation server on Kestrel: started, its real addresses known (port 0 picks a free one), stopped cleanly.</summary>
internal sealed class AnnotationServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AnnotationServer(WebApplication app, IReadOnlyList<string> addresses)
    {
        _app = app;
        Addresses = addresses;
    }

    /// <summary>The addresses Kestrel listens on, with the ports it bound.</summary>
    public IReadOnlyList<string> Addresses { get; }

    public static async Task<AnnotationServer> StartAsync(AnnotationStore store, IReadOnlyList<string> urls, string keysDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var app = AnnotationApp.Create(store, keysDirectory, builder => builder.WebHost.UseUrls([.. urls]).UseKestrel(k => k.AddServerHeader = false));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [.. urls];
        return new AnnotationServer(app, addresses);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await _app.StopAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);
}
