namespace TrajectoryBuild.Packaging.Corpora;

/// <summary>What the row builders need besides the records.</summary>
/// <param name="Rendering">How tool calls appear.</param>
/// <param name="Pairing">How DPO pairs are drawn (null: the default <see cref="PairingRule"/>).</param>
public sealed record CorpusOptions(ActionRendering Rendering = ActionRendering.Native, PairingRule? Pairing = null)
{
    /// <summary>The pairing rule in force.</summary>
    public PairingRule PairingRule => Pairing ?? new PairingRule();
}
