using TrajectoryBuild.Manifest;
using TrajectoryBuild.Scheduling;

namespace TrajectoryBuild.Testing;

/// <summary>A manifest over a copy of the embedded demo's samples in a test's folder, ready to build with 2 jobs.</summary>
public static class DemoWorkspace
{
    public static (ManifestDocument Manifest, BuildOptions Options) Create(TempDirectory temp, string manifestText)
    {
        ArgumentNullException.ThrowIfNull(temp);
        temp.CopyTree(Path.Combine(RepositoryRoot.Path, "samples"), "samples");
        var manifestPath = temp.Combine("datasets.yaml");
        File.WriteAllText(manifestPath, manifestText);
        var loaded = ManifestLoader.Load(manifestPath);
        var manifest = loaded.Document ?? throw new InvalidOperationException($"the test manifest does not load:\n{string.Join("\n", loaded.Errors)}");
        return (manifest, BuildOptions.ForManifest(manifestPath) with { Jobs = 2 });
    }

    /// <summary>
    /// The repository's own datasets.yaml (through <paramref name="edit"/> when given) and its samples, copied to
    /// <paramref name="folder"/> of <paramref name="temp"/> (<c>""</c>: <paramref name="temp"/> itself), for a build of
    /// the real demo; returns the manifest's path.
    /// </summary>
    public static string CopyDemo(TempDirectory temp, string folder, Func<string, string>? edit = null)
    {
        ArgumentNullException.ThrowIfNull(temp);
        var root = Directory.CreateDirectory(temp.Combine(folder)).FullName;
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "datasets.yaml"));
        File.WriteAllText(Path.Combine(root, "datasets.yaml"), edit is null ? text : edit(text));
        temp.CopyTree(Path.Combine(RepositoryRoot.Path, "samples"), Path.Combine(folder, "samples"));
        return Path.Combine(root, "datasets.yaml");
    }
}
