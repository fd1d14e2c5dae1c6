namespace TrajectoryBuild.Packaging.Corpora;

/// <summary>A training corpus the Package stage writes (the manifest's <c>packaging.formats</c>).</summary>
public enum CorpusFormat
{
    /// <summary>LLaMA-Factory ShareGPT rows: <c>conversations</c>, <c>system</c>, <c>tools</c>.</summary>
    ShareGpt,

    /// <summary>OpenAI <c>messages</c> with <c>tool_calls</c> and a per-message <c>weight</c> (TRL, axolotl).</summary>
    OpenAi,

    /// <summary>TRL conversational preference pairs: <c>prompt</c>, <c>chosen</c>, <c>rejected</c>.</summary>
    Dpo,

    /// <summary>TRL conversational unpaired preference rows (<c>KTOTrainer</c>): <c>prompt</c>, <c>completion</c>, a boolean <c>label</c>.</summary>
    Kto,

    /// <summary>LLaMA-Factory KTO rows: <c>messages</c> and a boolean <c>label</c> (<c>kto_llamafactory</c>).</summary>
    KtoLlamaFactory,

    /// <summary>TRL process-reward rows: <c>prompt</c>, <c>completions[]</c>, <c>labels[]</c>.</summary>
    Prm,

    /// <summary>One raw row per trajectory with every step's text, hard label, soft score and label source.</summary>
    Stepwise,
}
