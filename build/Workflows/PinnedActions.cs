namespace Build.Workflows;

/// <summary>
/// The only actions the workflows use, GitHub's own. Each SHA was checked to appear with its version comment in
/// public workflows (docs/ci.md lists where); update them together with their comments.
/// </summary>
internal static class PinnedActions
{
    public static PinnedAction Checkout { get; } = new("actions/checkout", "11bd71901bbe5b1630ceea73d27597364c9af683", "v4.2.2");

    public static PinnedAction SetupDotnet { get; } = new("actions/setup-dotnet", "67a3573c9a986a3f9c594539f4ab511d57bb3ce9", "v4.3.1");

    public static PinnedAction UploadArtifact { get; } = new("actions/upload-artifact", "ea165f8d65b6e75b540449e92b4886f43607fa02", "v4.6.2");

    public static PinnedAction DownloadArtifact { get; } = new("actions/download-artifact", "d3f86a106a0bac45b974a628896c90dbdf5c8093", "v4.3.0");
}
