using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json.Nodes;
using OpenAI;
using OpenAI.Chat;

namespace TrajectoryBuild.Agents;

/// <summary>
/// Chat completions through the OpenAI SDK with every HTTP attempt recorded as an <c>exchange</c> event (the exact
/// request and response bodies, status, duration). The SDK's own retries are off; this class retries transport
/// errors, HTTP 408, 429 and 5xx and unreadable responses, <see cref="AgentConfig.MaxRetries"/> times with backoff.
/// </summary>
internal sealed class ModelClient
{
    private readonly ChatClient _client;
    private readonly ExchangeRecorder _recorder;
    private readonly AgentConfig _config;
    private readonly RawLog _log;
    private readonly TimeProvider _time;

    public ModelClient(AgentRequest request, AgentConfig config, RawLog log, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new JsonObject();
        foreach (var (key, value) in request.Params)
        {
            fields[key] = value?.DeepClone();
        }

        fields["seed"] = request.Seed;
        _recorder = new ExchangeRecorder(fields);
        var options = new OpenAIClientOptions
        {
            Endpoint = request.Endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = config.RequestTimeout,
        };
        options.AddPolicy(_recorder, PipelinePosition.PerTry);

        // No key (a local server): a placeholder, as the SDK requires one; only headers carry it, never the record.
        _client = new ChatClient(request.Model, new ApiKeyCredential(request.ApiKey is { Length: > 0 } apiKey ? apiKey : "no-key"), options);
        _config = config;
        _log = log;
        _time = time;
    }

    public async Task<ModelReply> CompleteAsync(int step, IReadOnlyList<ChatMessage> messages, ChatCompletionOptions options, CancellationToken cancellationToken)
    {
        var total = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            var started = _time.GetTimestamp();
            string? error = null;
            ChatCompletion? completion = null;
            try
            {
                completion = (await _client.CompleteChatAsync(messages, options, cancellationToken).ConfigureAwait(false)).Value;
            }
            catch (ClientResultException exception)
            {
                error = exception.Status == 0 ? $"transport error: {exception.GetBaseException().Message}" : $"HTTP {exception.Status}: {exception.Message}";
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                error = $"no response within {_config.RequestTimeout.TotalSeconds:0} s";
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                error = $"unreadable response: {exception.GetType().Name}: {exception.Message}";
            }

            var duration = _time.GetElapsedTime(started);
            total += duration;
            await WriteExchangeAsync(step, attempt, duration, error, cancellationToken).ConfigureAwait(false);
            if (error is null)
            {
                return new ModelReply(completion, null, total);
            }

            if (attempt > _config.MaxRetries || !Retryable(_recorder.Status))
            {
                var attempts = attempt == 1 ? "" : $" (after {attempt} attempts)";
                return new ModelReply(null, error + attempts, total);
            }

            await Task.Delay(_config.RetryBackoff * Math.Pow(2, attempt - 1), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool Retryable(int? status) => status is null or 408 or 429 or >= 500 or (>= 200 and < 300);

    private Task WriteExchangeAsync(int step, int attempt, TimeSpan duration, string? error, CancellationToken cancellationToken) =>
        _log.WriteAsync("exchange", writer =>
        {
            writer.WriteNumber("step", step);
            writer.WriteNumber("attempt", attempt);
            if (_recorder.Status is { } status)
            {
                writer.WriteNumber("status", status);
            }
            else
            {
                writer.WriteNull("status");
            }

            writer.WriteNumber("duration_seconds", Math.Round(duration.TotalSeconds, 3));
            writer.WriteString("error", error);
            RawLog.WriteBody(writer, "request", _recorder.RequestBody);
            RawLog.WriteBody(writer, "response", _recorder.ResponseBody);
        }, cancellationToken);
}
