using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrajectoryBuild.Agents.Scripted;

/// <summary>
/// A scripted stand-in for a model: a real HTTP server on 127.0.0.1 (an ephemeral port) that answers
/// <c>POST {BaseUrl}/chat/completions</c> from <see cref="ChatScript"/>s, statelessly and so deterministically. No
/// script matches: HTTP 404 with an OpenAI-style error body. It keeps every request and response body it handled.
/// </summary>
internal sealed class ScriptedChatServer : IAsyncDisposable
{
    private static readonly JsonSerializerOptions s_compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HttpListener _listener;
    private readonly IReadOnlyList<ChatScript> _scripts;
    private readonly List<(byte[] Request, int Status, byte[] Response)> _exchanges = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _serving = Task.CompletedTask;

    private ScriptedChatServer(HttpListener listener, Uri baseUrl, IReadOnlyList<ChatScript> scripts)
    {
        _listener = listener;
        BaseUrl = baseUrl;
        _scripts = scripts;
    }

    /// <summary>The OpenAI-compatible base URL, <c>http://127.0.0.1:PORT/v1</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Every exchange so far, in order: the request body received, the status and the response body sent.</summary>
    public IReadOnlyList<(byte[] Request, int Status, byte[] Response)> Exchanges
    {
        get
        {
            lock (_exchanges)
            {
                return [.. _exchanges];
            }
        }
    }

    public static Task<ScriptedChatServer> StartAsync(IEnumerable<ChatScript> scripts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                // Another process took the port between the probe and the start: try another.
                listener.Close();
                continue;
            }

            var server = new ScriptedChatServer(listener, new Uri($"http://127.0.0.1:{port}/v1"), [.. scripts]);
            server._serving = server.ServeAsync();
            return Task.FromResult(server);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Close();
        try
        {
            await _serving.ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(buffer).ConfigureAwait(false);
        var request = buffer.ToArray();
        var (status, body) = context.Request.HttpMethod == "POST" && context.Request.Url?.AbsolutePath == BaseUrl.AbsolutePath + "/chat/completions"
            ? Answer(request)
            : (404, Error($"no route {context.Request.HttpMethod} {context.Request.Url?.AbsolutePath}; this server answers POST {BaseUrl.AbsolutePath}/chat/completions", "not_found"));
        lock (_exchanges)
        {
            _exchanges.Add((request, status, body));
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = body.Length;
        try
        {
            await context.Response.OutputStream.WriteAsync(body).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (HttpListenerException)
        {
            // The client went away.
        }
    }

    /// <summary>The script's response for a request body: by first user message, then by assistant messages so far.</summary>
    private (int Status, byte[] Body) Answer(byte[] request)
    {
        JsonArray? messages;
        try
        {
            messages = JsonNode.Parse(request)?["messages"] as JsonArray;
        }
        catch (JsonException exception)
        {
            return (400, Error($"the request body is not valid JSON: {exception.Message}", "invalid_request_error"));
        }

        if (messages is null)
        {
            return (400, Error("the request has no 'messages' array", "invalid_request_error"));
        }

        var firstUser = messages.OfType<JsonObject>().FirstOrDefault(m => m["role"]?.GetValue<string>() == "user")?["content"] switch
        {
            JsonValue text => text.GetValue<string>(),
            JsonArray parts => string.Concat(parts.OfType<JsonObject>().Select(p => p["text"]?.GetValue<string>())),
            _ => "",
        };
        if (_scripts.FirstOrDefault(s => firstUser.Contains(s.Match, StringComparison.Ordinal)) is not { } script)
        {
            return (404, Error($"no chat script matches the first user message (scripts match: {string.Join(", ", _scripts.Select(s => $"'{s.Match}'"))})", "model_not_found"));
        }

        var turn = messages.OfType<JsonObject>().Count(m => m["role"]?.GetValue<string>() == "assistant");
        var response = script.Responses[Math.Min(turn, script.Responses.Count - 1)];
        return response.ContainsKey("http_status") && response["http_status"] is JsonValue code
            ? (code.GetValue<int>(), JsonSerializer.SerializeToUtf8Bytes(response["body"], s_compact))
            : (200, JsonSerializer.SerializeToUtf8Bytes(response, s_compact));
    }

    private static byte[] Error(string message, string code) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = "invalid_request_error", ["param"] = null, ["code"] = code } }.ToJsonString(s_compact));
}
