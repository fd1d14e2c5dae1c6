using TrajectoryBuild.Manifest;

namespace TrajectoryBuild.Stages;

/// <summary>
/// Implemented by a stage whose <see cref="IStage.Plan"/> reads more than the manifest, the files and folders the
/// manifest names, the environment variables and the outputs it is given: a default folder, or a fact of the machine
/// (such as whether a Docker Engine answers). A no-op plan is answered from the last plan's stamp only while all of
/// these are unchanged, so a stage that reads something it does not describe here can be planned from a stale stamp.
/// </summary>
public interface IPlanInputs
{
    /// <summary>Adds what this stage's plan reads beyond the manifest to <paramref name="inputs"/>.</summary>
    void DescribePlanInputs(ManifestDocument manifest, PlanInputs inputs);
}

/// <summary>What a plan reads besides the manifest: paths it looks at, and facts of the machine.</summary>
public sealed class PlanInputs
{
    private readonly List<string> _paths = [];
    private readonly SortedDictionary<string, string> _facts = new(StringComparer.Ordinal);

    internal IReadOnlyList<string> Paths => _paths;

    internal IReadOnlyDictionary<string, string> Facts => _facts;

    /// <summary>A file or folder the plan reads, or looks for (a folder is watched with everything in it).</summary>
    public void Watch(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _paths.Add(Path.GetFullPath(path));
    }

    /// <summary>A fact the plan depends on, such as <c>executor:python-bookworm = docker</c>.</summary>
    public void Fact(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        _facts[name] = value;
    }
}
