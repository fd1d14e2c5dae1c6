using System.CommandLine;
using TrajectoryBuild.Cache;
using TrajectoryBuild.Explain;
using TrajectoryBuild.Manifest;
using TrajectoryBuild.Mining.Stages;
using TrajectoryBuild.Packaging.Release;
using TrajectoryBuild.Packaging.Stages;
using TrajectoryBuild.Scheduling;
using TrajectoryBuild.State;

namespace TrajectoryBuild.Cli.Commands;

/// <summary>
/// <c>trajbuild release</c>: record a fresh build as a dataset version. Checks every target is FRESH and the work tree
/// holds no uncommitted change, writes <c>releases/&lt;dataset&gt;/&lt;version&gt;.json</c>, its ledger and the
/// changelog, copies the package files out, commits the release files and creates the annotated tag.
/// </summary>
internal static class ReleaseCommand
{
    private const int MaxListed = 10;

    public static Command Create(TrajectoryBuild.Stages.Pipeline pipeline, TextWriter stdout, TextWriter stderr)
    {
        var common = new CommonOptions(pipeline);
        var version = new Option<string?>("--version")
        {
            Description = "The version to release; it must be release.version in the manifest, which croissant.json carries [default: release.version]",
            HelpName = "semver",
        };
        var datasets = new Option<string[]>("--dataset", "-d") { Description = "Release only this dataset (repeatable) [default: every dataset]", HelpName = "name" };
        var outDir = new Option<string?>("--out", "-o") { Description = "Copy each released package here, under <dataset>/<version>/ [default: artifacts/releases beside the manifest]", HelpName = "folder" };
        var dryRun = new Option<bool>("--dry-run", "-n") { Description = "Run every check and print the release notes; write, commit and tag nothing" };
        var command = new Command("release", "Record a fresh build as a dataset version: release file, changelog, git commit and annotated tag")
        {
            version, datasets, outDir, dryRun,
        };
        command.Options.Add(common.Manifest);
        command.Options.Add(common.StateDir);
        command.SetAction((parse, cancellationToken) => common.WithManifestAsync(parse, stderr, async (manifestPath, manifest) =>
        {
            try
            {
                var request = new Request(parse.GetValue(version), parse.GetValue(datasets) ?? [], parse.GetValue(outDir), parse.GetValue(dryRun));
                return await RunAsync(pipeline, manifest, common.BuildOptionsFor(parse), request, stdout, cancellationToken).ConfigureAwait(false);
            }
            catch (ReleaseException e)
            {
                await stderr.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }
        }));
        return command.WithExamples(
            "trajbuild release --dry-run                      check and show the notes of release.version; change nothing",
            "trajbuild release                                release every dataset at release.version",
            "trajbuild release --version 1.2.0 -d demo        release one dataset; 1.2.0 must be its release.version",
            "git push origin HEAD demo@v1.2.0                 then publish the commit and the tag");
    }

    private static async Task<int> RunAsync(
        TrajectoryBuild.Stages.Pipeline pipeline, ManifestDocument manifest, BuildOptions options, Request request, TextWriter stdout, CancellationToken cancellationToken)
    {
        var names = ManifestView.Datasets(manifest).Select(d => d.Name).ToList();
        var unknown = request.Datasets.Where(d => !names.Contains(d, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new ReleaseException($"no dataset {string.Join(", ", unknown.Select(d => $"'{d}'"))} in {manifest.Path}. Datasets: {string.Join(", ", names)}");
        }

        var chosen = request.Datasets.Length == 0 ? names : [.. request.Datasets.Distinct(StringComparer.Ordinal)];
        if (chosen.Count == 0)
        {
            throw new ReleaseException($"{manifest.Path} declares no dataset to release");
        }

        var releases = chosen.Select(d => Plan(manifest, d, request.Version)).ToList();

        using var git = ReleaseRepository.Open(manifest.BaseDirectory);
        foreach (var (dataset, version, tag) in releases)
        {
            if (git.TagTarget(tag) is { } sha)
            {
                throw new ReleaseException($"tag {tag} exists already (on commit {sha[..12]}): a released version is never re-tagged. Set a higher release.version in {manifest.Path}, rebuild, commit, then release.");
            }
        }

        // What would make the tag not name the build's inputs: a dry run warns, a release refuses.
        void Refuse(string problem) => stdout.WriteLine(request.DryRun ? $"warning: {problem}" : throw new ReleaseException(problem));
        if (git.UncommittedChanges() is { Count: > 0 } dirty)
        {
            var more = dirty.Count > MaxListed ? $" and {dirty.Count - MaxListed} more" : string.Empty;
            Refuse($"{dirty.Count} tracked file{(dirty.Count == 1 ? " has" : "s have")} uncommitted changes ({string.Join(", ", dirty.Take(MaxListed))}{more}). "
                + "A release tags the commit that holds its inputs and datasets.lock: commit (or stash) them, then release.");
        }

        foreach (var input in new[] { manifest.Path, options.LockPath }.Where(p => !git.IsCommitted(p)))
        {
            Refuse($"{Path.GetRelativePath(Environment.CurrentDirectory, input)} is not committed, and a release tags the commit that holds the manifest and the lock: git add it, commit, then release.");
        }

        var signature = request.DryRun ? null : git.Signature();
        var engine = new BuildEngine(pipeline, manifest, options);
        var plan = await engine.PlanAsync(cancellationToken).ConfigureAwait(false);
        RequireFresh(plan);
        var lockFile = LockFile.Read(options.LockPath);
        var byId = plan.Targets.ToDictionary(t => t.TargetId, StringComparer.Ordinal);
        // Every dataset's release is checked (Preview refuses a version released before) before any file is written.
        var prepared = new List<(ReleasePlan Plan, TargetOutputs Outputs)>();
        foreach (var (dataset, version, tag) in releases)
        {
            var target = PackageStage.DatasetTarget(dataset);
            var packaged = byId.GetValueOrDefault(target) ?? throw new ReleaseException($"{target} is not in the plan of {manifest.Path}");
            var outputs = engine.Cache.OutputsOf(engine.Cache.TryGetAction(packaged.Key!)!);
            var lockEntries = Closure(byId, target)
                .Where(id => id.EndsWith($"/dataset/{dataset}", StringComparison.Ordinal) || id.StartsWith("Environment/", StringComparison.Ordinal) || id.StartsWith("Mine/source/", StringComparison.Ordinal))
                .Select(id => lockFile.Get(id) is { } entry ? (id, entry.Key, entry.Outputs) : throw new ReleaseException($"{id} is not in {options.LockPath}: run the build again so the lock records it"));
            var inputs = ReleaseInputs.FromPackage(dataset, version, tag, packaged.Key!, outputs, lockEntries);
            prepared.Add((ReleaseWriter.Preview(manifest.BaseDirectory, inputs), outputs));
        }

        var written = new List<string>();
        var notes = new List<(string Tag, string Notes, string Dataset, string Version)>();
        foreach (var (releasePlan, outputs) in prepared)
        {
            var inputs = releasePlan.Inputs;
            var (dataset, version) = (inputs.Dataset, inputs.Version.Text);
            if (request.DryRun)
            {
                notes.Add((inputs.Tag, ReleaseNotes.Section(releasePlan.Release, $"{ReleaseWriter.FolderName}/{dataset}/{ReleaseRecord.FileName(version)}"), dataset, version));
                continue;
            }

            var (release, paths) = ReleaseWriter.Write(manifest.BaseDirectory, releasePlan);
            written.AddRange(paths.Select(p => Path.GetRelativePath(git.WorkingDirectory, Path.Combine(manifest.BaseDirectory, p)).Replace(Path.DirectorySeparatorChar, '/')));
            notes.Add((inputs.Tag, ReleaseNotes.Section(release, paths[0]), dataset, version));
            var folder = Path.Combine(request.OutDirectory is { } o ? Path.GetFullPath(o) : Path.Combine(manifest.BaseDirectory, "artifacts", "releases"), dataset, version);
            await outputs.MaterializeAsync(folder, cancellationToken).ConfigureAwait(false);
            stdout.WriteLine($"{dataset} {version}: {outputs.Files.Count} files copied to {folder}");
        }

        if (request.DryRun)
        {
            foreach (var (tag, text, _, _) in notes)
            {
                stdout.Write(text);
                stdout.WriteLine($"(dry run: would write releases/, commit and tag {tag})");
            }

            return ExitCodes.Success;
        }

        var message = notes.Count == 1 ? $"Release {notes[0].Dataset} {notes[0].Version}" : $"Release {string.Join(", ", notes.Select(n => $"{n.Dataset} {n.Version}"))}";
        string commit;
        try
        {
            commit = git.CommitAndTag(written, message, notes[0].Tag, notes[0].Notes, signature!);
            foreach (var (tag, text, _, _) in notes.Skip(1))
            {
                git.Tag(tag, commit, text, signature!);
            }
        }
        catch (LibGit2Sharp.LibGit2SharpException e)
        {
            throw new ReleaseException($"git: {e.Message}. The release files are written but not committed: 'git checkout -- {ReleaseWriter.FolderName} && git clean -f {ReleaseWriter.FolderName}' undoes them.", e);
        }

        foreach (var (tag, text, _, _) in notes)
        {
            stdout.Write(text);
            stdout.WriteLine($"Tagged {tag} on commit {commit[..12]}.");
        }

        stdout.WriteLine($"Publish: git push origin HEAD {string.Join(' ', notes.Select(n => n.Tag))}");
        return ExitCodes.Success;
    }

    // The version and tag a dataset would be released at; the version must be what the manifest says (croissant.json carries it).
    private static (string Dataset, SemanticVersion Version, string Tag) Plan(ManifestDocument manifest, string dataset, string? requested)
    {
        var settings = ReleaseSettings.Of(manifest, dataset);
        var (line, column) = manifest.PositionOf(settings.VersionPointer);
        var where = line > 0 ? $"{manifest.Path}:{line}:{column}" : manifest.Path;
        if (settings.Version is null)
        {
            throw new ReleaseException($"{manifest.Path}: dataset {dataset} has no release.version. Add 'release: {{version: {requested ?? "0.1.0"}}}', rebuild (./build.sh Package), commit, then release.");
        }

        if (requested is not null && requested != settings.Version)
        {
            throw new ReleaseException($"{where}: release.version is {settings.Version}, not {requested}. The version is part of the package (croissant.json), so set it to {requested}, rebuild (./build.sh Package), commit, then release.");
        }

        if (!SemanticVersion.TryParse(settings.Version, out var version, out var error))
        {
            throw new ReleaseException($"{where}: {error}");
        }

        var tag = settings.Tag(dataset, version!.Text);
        if (!settings.TagFormat.Contains("{version}", StringComparison.Ordinal) || !ReleaseRepository.IsValidTagName(tag))
        {
            throw new ReleaseException($"{manifest.Path}: release.tag_format '{settings.TagFormat}' gives '{tag}', which is not a valid git tag{(settings.TagFormat.Contains("{version}", StringComparison.Ordinal) ? string.Empty : " per version (it needs {version})")}. The default is {ReleaseSettings.DefaultTagFormat}.");
        }

        return (dataset, version, tag);
    }

    private static void RequireFresh(PlanReport plan)
    {
        var notFresh = plan.Targets.Where(t => t.Status != TargetStatus.Fresh).ToList();
        if (notFresh.Count == 0 && plan.Pending.Count == 0)
        {
            return;
        }

        var listed = notFresh.Take(MaxListed).Select(t => $"{t.Status.ToString().ToUpperInvariant()} {t.TargetId}")
            .Concat(plan.Pending.Take(MaxListed).Select(p => $"PENDING {p.Stage}: {p.Description}"));
        throw new ReleaseException(
            $"{notFresh.Count + plan.Pending.Count} target{(notFresh.Count + plan.Pending.Count == 1 ? " is" : "s are")} not FRESH, and a release records a finished build only:\n  "
            + string.Join("\n  ", listed) + (notFresh.Count > MaxListed ? "\n  ..." : string.Empty)
            + "\nBuild (./build.sh Package), commit datasets.lock, then release; 'trajbuild plan --explain' says why each is not fresh.");
    }

    private static List<string> Closure(Dictionary<string, TargetPlan> targets, string root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { root };
        var queue = new Queue<string>([root]);
        while (queue.TryDequeue(out var id))
        {
            foreach (var upstream in targets.GetValueOrDefault(id)?.Upstream ?? [])
            {
                if (seen.Add(upstream.TargetId))
                {
                    queue.Enqueue(upstream.TargetId);
                }
            }
        }

        return [.. seen.Order(StringComparer.Ordinal)];
    }

    private sealed record Request(string? Version, string[] Datasets, string? OutDirectory, bool DryRun);
}
