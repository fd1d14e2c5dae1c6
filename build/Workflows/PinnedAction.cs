using Build.Workflows.Yaml;

namespace Build.Workflows;

/// <summary>An action pinned to a full commit SHA (a tag can be moved; a commit cannot), with the release it is.</summary>
internal sealed record PinnedAction(string Repository, string Sha, string Version)
{
    /// <summary><c>owner/repo@sha # vX.Y.Z</c>, the form Dependabot and Renovate update.</summary>
    public YamlScalar Uses => YamlScalar.String($"{Repository}@{Sha}").WithComment(Version);
}
