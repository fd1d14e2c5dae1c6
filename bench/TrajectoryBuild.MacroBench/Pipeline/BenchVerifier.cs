using System.Text.Json.Nodes;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Manifest;

namespace TrajectoryBuild.MacroBench.Pipeline;

/// <summary>The verifier digest of a bench manifest: every environment's test section, as the real checkers key it.</summary>
internal static class BenchVerifier
{
    public static string Of(ManifestDocument manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var tests = (manifest.Root["environments"] as JsonObject ?? []).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Value?["test"]?.DeepClone());
        return Digest.Of(CanonicalJson.SerializeToUtf8(new JsonArray([.. tests])));
    }
}
