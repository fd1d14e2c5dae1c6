using NJsonSchema.Validation;

namespace TrajectoryBuild.Manifest;

/// One leaf validation error, with the JSON pointer of the node it is about. ValidKeys, for an unknown key in a union
/// whose discriminator is missing, are the keys any branch takes (otherwise the error's own schema lists them).
internal sealed record SchemaIssue(ValidationError Error, string Pointer, IReadOnlyList<string>? ValidKeys = null);
