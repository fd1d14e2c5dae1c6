using System.Collections.Frozen;

namespace TrajectoryBuild.Manifest;

/// <summary>YAML -> JSON (with positions) -> JSON Schema validation; every error reported at once.</summary>
public static class ManifestLoader
{
    /// <summary>
    /// Loads and validates the manifest at <paramref name="path"/> against the shipped schema, together with the
    /// environment files in <c>pipelines/environments/</c> beside it. With <paramref name="memo"/>, documents it holds
    /// as valid are not validated against the schema again (the other checks still run).
    /// </summary>
    public static ManifestLoadResult Load(string path, SchemaMemo? memo = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var (text, error) = ManifestFile.Read(path);
        return text is null
            ? new ManifestLoadResult(null, [error!])
            : Parse(text, path, Path.GetDirectoryName(Path.GetFullPath(path)), memo);
    }

    /// <summary>Loads and validates YAML text, without environment files; <paramref name="displayPath"/> names it in errors.</summary>
    public static ManifestLoadResult Parse(string yaml, string displayPath) => Parse(yaml, displayPath, baseDirectory: null);

    /// <summary>
    /// Loads and validates YAML text; <paramref name="displayPath"/> names it in errors. When
    /// <paramref name="baseDirectory"/> is given, every <c>*.yaml</c>/<c>*.yml</c> file in its
    /// <c>pipelines/environments/</c> is one more environment, named by the file stem; errors in those files name
    /// them relative to the directory of <paramref name="displayPath"/>. Null loads no files. With
    /// <paramref name="memo"/>, documents it holds as valid are not validated against the schema again.
    /// </summary>
    public static ManifestLoadResult Parse(string yaml, string displayPath, string? baseDirectory, SchemaMemo? memo = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(displayPath);
        var environments = baseDirectory is null ? EnvironmentFolderResult.None : EnvironmentFolder.Load(baseDirectory, displayPath, memo);
        var read = new YamlJsonReader(displayPath).Read(yaml);
        var errors = read.Errors.ToList();
        if (read.Root is not null)
        {
            // The file environments were validated against their own files; merged first, they would be reported here.
            errors.AddRange(SchemaValidator.Validate(read.Root, read.Map, displayPath, part: null, memo));
            errors.AddRange(EnvironmentFolder.Merge(read.Root, read.Map, displayPath, environments.Files));
            errors.AddRange(new CrossReferenceChecker(read.Root, read.Map, displayPath).Check());
        }

        // The manifest's errors first, then each environment file's, file by file.
        List<ManifestError> all = [.. Sorted(errors), .. environments.Errors];
        if (all.Count > 0 || read.Root is null)
        {
            return new ManifestLoadResult(null, all);
        }

        memo?.Keep();
        var positions = read.Map.Values.ToFrozenDictionary(StringComparer.Ordinal);
        var files = environments.Files.ToFrozenDictionary(file => file.Name, file => file.RelativePath, StringComparer.Ordinal);
        return new ManifestLoadResult(new ManifestDocument(displayPath, read.Root, positions) { EnvironmentFiles = files }, []);
    }

    /// Errors of one file in reading order, each once.
    internal static List<ManifestError> Sorted(IEnumerable<ManifestError> errors) =>
        [.. errors
            .Distinct()
            .OrderBy(error => error.Line)
            .ThenBy(error => error.Column)
            .ThenBy(error => error.Message, StringComparer.Ordinal)];
}
