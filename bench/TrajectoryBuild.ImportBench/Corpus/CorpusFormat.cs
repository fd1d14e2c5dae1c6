namespace TrajectoryBuild.ImportBench.Corpus;

/// <summary>One part of the corpus: its name, the importer that reads it, its weight in the corpus size, its generator.</summary>
internal sealed record CorpusFormat(string Name, string Importer, int Weight, ICorpusGenerator Generator);
