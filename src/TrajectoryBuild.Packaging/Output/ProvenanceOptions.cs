namespace TrajectoryBuild.Packaging.Output;

/// <summary>Everything a release's provenance statement says besides its subjects.</summary>
/// <param name="BuilderId">The builder's id URI, e.g. <c>https://github.com/o/trajectorybuild/build.sh</c>.</param>
/// <param name="BuilderVersion">The builder's version.</param>
/// <param name="ExternalParameters">The inputs a user controls (dataset name, manifest digest, packaging options), as strings.</param>
/// <param name="ResolvedDependencies">Source snapshots, commits, images, verifiers, scaffolds, models, annotation export.</param>
public sealed record ProvenanceOptions(string BuilderId, string BuilderVersion, IReadOnlyDictionary<string, string> ExternalParameters, IReadOnlyList<ResourceDescriptor> ResolvedDependencies)
{
    /// <summary>The SLSA build type URI.</summary>
    public string BuildType { get; init; } = "https://trajectorybuild.dev/package/v1";

    /// <summary>Parameters the builder chose (e.g. executor), as strings.</summary>
    public IReadOnlyDictionary<string, string> InternalParameters { get; init; } = new Dictionary<string, string>();

    /// <summary>An invocation id, if the caller wants one recorded.</summary>
    public string? InvocationId { get; init; }

    /// <summary>Start time; omitted unless given, so rebuilds stay byte-identical.</summary>
    public DateTimeOffset? StartedOn { get; init; }

    /// <summary>Finish time; omitted unless given.</summary>
    public DateTimeOffset? FinishedOn { get; init; }

    /// <summary>Byproducts (logs, summaries), if any.</summary>
    public IReadOnlyList<ResourceDescriptor> Byproducts { get; init; } = [];
}
