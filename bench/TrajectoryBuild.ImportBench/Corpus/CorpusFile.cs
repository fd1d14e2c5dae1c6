namespace TrajectoryBuild.ImportBench.Corpus;

/// <summary>One generated file: its absolute path, size and how many trajectories (rows or documents) it holds.</summary>
internal sealed record CorpusFile(string Path, long Bytes, int Records);
