namespace TrajectoryBuild.Packaging.Output;

/// <summary>The card fields of a release (<c>release.card</c>) plus what the build knows about the dataset.</summary>
/// <param name="Dataset">The dataset name from the manifest.</param>
/// <param name="License">SPDX license id; written lowercase as the Hub expects (<c>mit</c>, <c>apache-2.0</c>); <c>other</c> when unset.</param>
/// <param name="Description">What the dataset is.</param>
/// <param name="PrettyName">Display name; the dataset name when unset.</param>
/// <param name="Tags">Hub tags.</param>
/// <param name="Citation">BibTeX citation, if any.</param>
public sealed record DatasetCardOptions(string Dataset, string? License, string? Description, string? PrettyName, IReadOnlyList<string> Tags, string? Citation)
{
    /// <summary>Hub task categories; default <c>text-generation</c>.</summary>
    public IReadOnlyList<string> TaskCategories { get; init; } = ["text-generation"];

    /// <summary>Extra markdown appended to the "How it was built" section (e.g. the stage summary).</summary>
    public string? BuildNotes { get; init; }
}
