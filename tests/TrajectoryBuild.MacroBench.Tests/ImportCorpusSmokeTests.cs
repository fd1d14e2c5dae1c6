using Parquet;
using Parquet.Schema;
using TrajectoryBuild.ImportBench.Corpus;
using TrajectoryBuild.Trajectories.Importing;

namespace TrajectoryBuild.MacroBench.Tests;

/// <summary>
/// The import benchmark's corpus, tiny: every format's generator gives the same bytes on a second machine (another
/// folder), and the format's importer reads every record without a quarantine, as the timed run requires.
/// </summary>
public sealed class ImportCorpusSmokeTests
{
    private const string Samples = "tests/TrajectoryBuild.Trajectories.Tests/Data";

    [Fact(Timeout = 120_000)]
    public async Task EveryFormat_GeneratesTheSameBytesTwice_AndImportsWithoutQuarantine()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        first.CopyTree(Path.Combine(RepositoryRoot.Path, Samples), Samples);
        second.CopyTree(Path.Combine(RepositoryRoot.Path, Samples), Samples);

        var corpus = CorpusBuilder.Ensure(first.Path, 4, CorpusFormats.All, TextWriter.Null);
        var again = CorpusBuilder.Ensure(second.Path, 4, CorpusFormats.All, TextWriter.Null);

        corpus.Select(p => p.Format.Name).ShouldBe(CorpusFormats.All.Select(f => f.Name));
        for (var i = 0; i < corpus.Count; i++)
        {
            var (files, other) = (corpus[i].Files, again[i].Files);
            files.Count.ShouldBe(other.Count, corpus[i].Format.Name);
            files.ShouldNotBeEmpty();
            for (var f = 0; f < files.Count; f++)
            {
                (await File.ReadAllBytesAsync(files[f].Path, TestContext.Current.CancellationToken))
                    .ShouldBe(await File.ReadAllBytesAsync(other[f].Path, TestContext.Current.CancellationToken), files[f].Path);
                if (files[f].Twin is { } twin)
                {
                    (await File.ReadAllLinesAsync(twin, TestContext.Current.CancellationToken)).Length.ShouldBe(files[f].Records, twin);
                }
            }

            var (trajectories, quarantines) = await ImportAsync(corpus[i], first.Path);
            quarantines.ShouldBeEmpty(corpus[i].Format.Name);
            trajectories.ShouldBe(corpus[i].Records, corpus[i].Format.Name);
        }

        foreach (var parquet in new[] { "swe-smith-parquet", "nebius-swe-agent-parquet" })
        {
            corpus.Single(p => p.Format.Name == parquet).Files.ShouldAllBe(f => f.Path.EndsWith(".parquet", StringComparison.Ordinal) && f.Twin != null);
        }

        // The nebius rows as the Hub keeps them: the trajectory a list of structs.
        await using var nested = File.OpenRead(corpus.Single(p => p.Format.Name == "nebius-swe-agent-parquet").Files[0].Path);
        await using var reader = await ParquetReader.CreateAsync(nested, cancellationToken: TestContext.Current.CancellationToken);
        reader.Schema.Fields.Single(f => f.Name == "trajectory").ShouldBeOfType<ListField>().Item.ShouldBeOfType<StructField>()
            .Fields.Select(f => f.Name).ShouldBe(["cutoff_date", "mask", "role", "system_prompt", "text"]);
    }

    private static async Task<(long Trajectories, List<string> Quarantines)> ImportAsync(FormatCorpus part, string root)
    {
        var importer = TrajectoryImporters.All.Single(i => i.Format == part.Format.Importer);
        var quarantines = new List<string>();
        var run = new ImportRun(importer, t => ImportedIds.Assign(t, importer.Format), (_, _) => ValueTask.CompletedTask, (bad, _) =>
        {
            quarantines.Add(bad.ToString());
            return ValueTask.CompletedTask;
        });
        var files = part.Files.Select(f => new ImportFile(f.Path, Path.GetRelativePath(root, f.Path))).ToList();
        var totals = await ImportRunner.RunAsync(run, files, TestContext.Current.CancellationToken);
        return (totals.Trajectories, quarantines);
    }
}
