using System.Text.Json.Nodes;

namespace TrajectoryBuild.Manifest;

/// Environments kept one per file in pipelines/environments/ beside the manifest: each *.yaml or *.yml file there
/// holds one environment definition (the keys of an entry under 'environments:'), named by its file stem. Files are
/// read in ordinal order of their names, so the environments and the errors come out the same on every machine.
internal static class EnvironmentFolder
{
    /// The folder, relative to the manifest's directory, with forward slashes.
    public const string RelativePath = "pipelines/environments";

    private const string Noun = "environment file";

    private static readonly string[] s_extensions = [".yaml", ".yml"];

    private static readonly Lazy<YamlDocumentKind> s_kind = new(
        () => new YamlDocumentKind(
            "the environment file",
            $"write one environment's keys at the top level, as under 'environments.<name>:' in the manifest; valid keys: {string.Join(", ", EmbeddedSchema.PropertyNames("environment"))}"),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// Reads and validates every environment file of the folder under <paramref name="baseDirectory"/>; errors name
    /// the files relative to the directory of <paramref name="manifestDisplayPath"/>, as the user gave the manifest.
    /// A missing folder holds no environments.
    public static EnvironmentFolderResult Load(string baseDirectory, string manifestDisplayPath, SchemaMemo? memo = null)
    {
        var folder = Path.Combine(baseDirectory, "pipelines", "environments");
        var displayFolder = Path.Combine(Path.GetDirectoryName(manifestDisplayPath) ?? string.Empty, "pipelines", "environments");
        List<string> paths;
        try
        {
            if (!Directory.Exists(folder))
            {
                return EnvironmentFolderResult.None;
            }

            paths = [.. Directory.EnumerateFiles(folder).Where(IsYaml).OrderBy(Path.GetFileName, StringComparer.Ordinal)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var error = new ManifestError(displayFolder, 0, 0, $"cannot list the environment files: {ex.Message}", "check that the folder is readable");
            return new EnvironmentFolderResult([], [error]);
        }

        var files = new List<EnvironmentFile>();
        var errors = new List<ManifestError>();
        foreach (var path in paths)
        {
            var fileName = Path.GetFileName(path);
            var (file, fileErrors) = LoadFile(path, Path.Combine(displayFolder, fileName), RelativePath + "/" + fileName, files, memo);
            if (file is not null)
            {
                files.Add(file);
            }

            errors.AddRange(ManifestLoader.Sorted(fileErrors));
        }

        return new EnvironmentFolderResult(files, errors);
    }

    /// Adds the file environments to the manifest's 'environments:' (creating it when absent). A name defined both
    /// inline and in a file is an error at the inline entry; the inline definition stays.
    public static IEnumerable<ManifestError> Merge(JsonObject root, SourceMap map, string file, IReadOnlyList<EnvironmentFile> files)
    {
        if (files.Count == 0)
        {
            return [];
        }

        if (!root.TryGetPropertyValue("environments", out var section))
        {
            section = new JsonObject();
            root["environments"] = section;
        }

        if (section is not JsonObject environments)
        {
            return []; // the schema reports the wrong type
        }

        var errors = new List<ManifestError>();
        foreach (var environment in files)
        {
            if (!environments.ContainsKey(environment.Name))
            {
                environments[environment.Name] = environment.Definition;
                continue;
            }

            var (line, column) = map.EntryOf(JsonPointer.Append("/environments", environment.Name));
            errors.Add(new ManifestError(
                file,
                line,
                column,
                $"environment '{environment.Name}' is defined both here and in {environment.RelativePath}",
                $"keep one definition: remove this entry from 'environments:' or delete {environment.RelativePath}"));
        }

        return errors;
    }

    /// One file's environment, or null when its name is unusable. A file that cannot be read or is not a mapping
    /// still defines its name (as an empty mapping), so references to it do not add "undefined" errors to its own.
    private static (EnvironmentFile? File, List<ManifestError> Errors) LoadFile(string path, string display, string relative, List<EnvironmentFile> earlier, SchemaMemo? memo)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        if (!ManifestNames.IsValid(name))
        {
            var error = new ManifestError(display, 0, 0, $"'{name}' is not a valid environment name (the name is the file name without its extension)", $"rename the file: {ManifestNames.Rule}");
            return (null, [error]);
        }

        if (earlier.Find(file => file.Name == name) is { } first)
        {
            var error = new ManifestError(display, 0, 0, $"environment '{name}' is also defined by {first.RelativePath}", "keep one of the two files");
            return (null, [error]);
        }

        var (text, readError) = ManifestFile.Read(path, display, Noun);
        if (text is null)
        {
            return (new EnvironmentFile(name, relative, []), [readError!]);
        }

        var read = new YamlJsonReader(display, s_kind.Value).Read(text);
        var errors = read.Errors.ToList();
        if (read.Root is not null)
        {
            errors.AddRange(SchemaValidator.Validate(read.Root, read.Map, display, "environment", memo));
        }

        return (new EnvironmentFile(name, relative, read.Root ?? []), errors);
    }

    private static bool IsYaml(string path) => s_extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);
}
