using System.Text.Json;
using TrajectoryBuild.Annotation.Store;

namespace TrajectoryBuild.Annotation.Tests;

/// <summary>What the store holds that a request could change (users, items, settings, labels, progress), as text to compare.</summary>
internal static class StoreState
{
    public static async Task<string> OfAsync(AnnotationStore store)
    {
        var ct = TestContext.Current.CancellationToken;
        var users = (await store.ListUsersAsync(ct)).Select(u => new { u.Name, u.Role });
        return JsonSerializer.Serialize(new
        {
            users,
            items = await store.ItemsAsync(ct),
            settings = await store.SettingsAsync(ct),
            labels = await store.LabelsAsync("", ct),
            progress = await store.ProgressAsync(ct),
        });
    }
}
