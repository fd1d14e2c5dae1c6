using System.CommandLine;
using TrajectoryBuild.Graph;
using TrajectoryBuild.Manifest;
using TrajectoryBuild.Scheduling;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Cli.Commands;

/// <summary>Options every dataset command shares, and the steps they all take first.</summary>
internal sealed class CommonOptions(TrajectoryBuild.Stages.Pipeline pipeline)
{
    public Option<string> Manifest { get; } = new("--manifest", "-m")
    {
        Description = "The manifest to build [env: TRAJBUILD_MANIFEST]",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("TRAJBUILD_MANIFEST") is { Length: > 0 } m ? m : "datasets.yaml",
        HelpName = "path",
    };

    public Option<string?> Stage { get; } = CreateStageOption(pipeline);

    public Option<string?> StateDir { get; } = new("--state-dir")
    {
        Description = "Cache and build state folder [default: .trajbuild beside the manifest]",
        HelpName = "path",
    };

    /// <summary><c>--dataset</c>, for the commands that plan or build (see <see cref="AddDatasetFilterTo"/>).</summary>
    public Option<string[]> Datasets { get; } = new("--dataset", "-d")
    {
        Description = "Only this dataset and what it needs (repeatable) [default: every dataset]; the lock keeps the other datasets' entries",
        HelpName = "name",
    };

    private bool _datasetFilter;

    /// <summary>Adds <see cref="Datasets"/> to <paramref name="command"/>, and makes <see cref="BuildOptionsFor"/> honour it.</summary>
    public void AddDatasetFilterTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Datasets);
        _datasetFilter = true;
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Manifest);
        command.Options.Add(Stage);
        command.Options.Add(StateDir);
    }

    /// <summary>
    /// Loads the manifest named by <see cref="Manifest"/> and runs <paramref name="action"/> on it. Manifest errors
    /// (all of them), graph errors and an unreadable lock file end the command with exit code 1 and a message.
    /// </summary>
    public async Task<int> WithManifestAsync(ParseResult parse, TextWriter stderr, Func<string, ManifestDocument, Task<int>> action)
    {
        var path = parse.GetValue(Manifest)!;
        if (LoadManifest(path, stderr, new SchemaMemo(BuildOptionsFor(parse).StateDirectory)) is not { } manifest)
        {
            return ExitCodes.Failure;
        }

        if (_datasetFilter && BuildEngine.UnknownDatasets(manifest, parse.GetValue(Datasets) ?? []) is { Count: > 0 } unknown)
        {
            var known = (manifest.Root["datasets"] as System.Text.Json.Nodes.JsonObject ?? []).Select(d => d.Key).Order(StringComparer.Ordinal);
            await stderr.WriteLineAsync($"error: --dataset: {path} has no dataset {string.Join(", ", unknown.Select(n => $"'{n}'"))}; its datasets: {string.Join(", ", known)}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            return await action(path, manifest).ConfigureAwait(false);
        }
        catch (Exception e) when (e is GraphException or StagePlanException or InvalidDataException or Containers.EngineConfigurationException
            or IOException or UnauthorizedAccessException)
        {
            // IO: a full disk or a folder it may not write, where it records a build or copies outputs out; not a bug to trace.
            await stderr.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// Loads the manifest; on errors prints every one of them and returns null. With <paramref name="memo"/> (the
    /// commands that keep build state), a manifest that passed the schema before is not validated against it again.
    /// </summary>
    public static ManifestDocument? LoadManifest(string path, TextWriter stderr, SchemaMemo? memo = null)
    {
        var result = ManifestLoader.Load(path, memo);
        if (result.Succeeded)
        {
            return result.Document;
        }

        foreach (var error in result.Errors)
        {
            stderr.WriteLine(error);
        }

        stderr.WriteLine($"{result.Errors.Count} error{(result.Errors.Count == 1 ? string.Empty : "s")} in {path}; nothing was built.");
        return null;
    }

    public BuildOptions BuildOptionsFor(ParseResult parse)
    {
        var manifest = parse.GetValue(Manifest)!;
        var options = BuildOptions.ForManifest(manifest);
        var stateDir = parse.GetValue(StateDir);
        return options with
        {
            StateDirectory = stateDir is null ? options.StateDirectory : Path.GetFullPath(stateDir),
            LastStage = pipeline.Find(parse.GetValue(Stage) ?? string.Empty)?.Name,
            Datasets = _datasetFilter && parse.GetValue(Datasets) is { Length: > 0 } names ? names : null,
        };
    }

    private static Option<string?> CreateStageOption(TrajectoryBuild.Stages.Pipeline pipeline)
    {
        var option = new Option<string?>("--stage", "-s")
        {
            Description = $"Stop after this stage (default: all). One of: {string.Join(", ", pipeline.StageNames)}",
            HelpName = "name",
        };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is not null && pipeline.Find(value) is null)
            {
                result.AddError($"unknown stage '{value}'. Valid stages: {string.Join(", ", pipeline.StageNames)}");
            }
        });
        return option;
    }
}
