namespace TrajectoryBuild.ImportBench.Corpus;

/// <summary>The generated files of one format.</summary>
internal sealed record FormatCorpus(CorpusFormat Format, IReadOnlyList<CorpusFile> Files)
{
    public long Bytes => Files.Sum(f => f.Bytes);

    public int Records => Files.Sum(f => f.Records);

    /// <summary>The first files that hold at least a quarter of the bytes: the same kind of data, a quarter as many trajectories.</summary>
    public IReadOnlyList<CorpusFile> Quarter()
    {
        var total = Bytes;
        var taken = new List<CorpusFile>();
        long bytes = 0;
        foreach (var file in Files)
        {
            if (bytes * 4 >= total)
            {
                break;
            }

            taken.Add(file);
            bytes += file.Bytes;
        }

        return taken;
    }
}
