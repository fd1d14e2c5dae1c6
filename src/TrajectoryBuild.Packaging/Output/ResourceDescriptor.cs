namespace TrajectoryBuild.Packaging.Output;

/// <summary>An in-toto ResourceDescriptor: a subject, dependency or byproduct. At least one of uri and digest is set.</summary>
/// <param name="Name">The name (a file path for subjects).</param>
/// <param name="Uri">Where it is, e.g. <c>git+https://github.com/o/r@sha</c>.</param>
/// <param name="Digest">Algorithm (lowercase, e.g. <c>sha256</c>, <c>gitCommit</c>) to lowercase hex.</param>
/// <param name="Annotations">Extra string facts (kind, task ids...).</param>
public sealed record ResourceDescriptor(string? Name, string? Uri, IReadOnlyDictionary<string, string>? Digest, IReadOnlyDictionary<string, string>? Annotations);
