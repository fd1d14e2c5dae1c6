using System.Net.Http.Json;
using System.Text.Json;

namespace TrajectoryBuild.Annotation.Tests;

/// <summary>A signed-in client and its anti-forgery token.</summary>
internal sealed class Session(HttpClient client, string token, string name) : IDisposable
{
    public HttpClient Client => client;

    public string Name => name;

    public string Token => token;

    public Task<HttpResponseMessage> PostJsonAsync(string path, object? body, bool withToken = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        if (withToken)
        {
            request.Headers.Add("X-CSRF-TOKEN", token);
        }

        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async Task<JsonElement> NextAsync()
    {
        using var response = await PostJsonAsync("/api/next", null);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    public async Task ScoreAsync(long assignment, int turn, string axis, int? score)
    {
        using var response = await PostJsonAsync($"/api/assignments/{assignment}/labels", new { turn, axis, score });
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => client.Dispose();
}
