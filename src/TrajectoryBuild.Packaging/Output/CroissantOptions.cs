namespace TrajectoryBuild.Packaging.Output;

/// <summary>What Croissant metadata says about the dataset besides its files.</summary>
/// <param name="Name">The dataset name.</param>
/// <param name="Description">What it is.</param>
/// <param name="License">License id (lowercase SPDX as on the Hub).</param>
/// <param name="Version">The release version, e.g. <c>1.2.0</c>.</param>
/// <param name="Url">Where the dataset lives (e.g. <c>https://huggingface.co/datasets/o/n</c>); file <c>contentUrl</c>s resolve against it, else stay relative.</param>
/// <param name="Citation">BibTeX citation, if any.</param>
public sealed record CroissantOptions(string Name, string? Description, string? License, string Version, string? Url, string? Citation);
