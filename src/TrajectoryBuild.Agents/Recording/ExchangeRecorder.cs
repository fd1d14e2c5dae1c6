using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrajectoryBuild.Agents;

/// <summary>
/// A System.ClientModel pipeline policy, placed per try in the OpenAI SDK's pipeline: it takes the request body the
/// SDK serialized, adds the run's top-level fields (sampling parameters, seed), sends exactly those bytes, and keeps
/// them and the response body's exact bytes (after HTTP content decoding) for the raw record. One model call at a time.
/// </summary>
internal sealed class ExchangeRecorder(JsonObject extraFields) : PipelinePolicy
{
    private static readonly JsonSerializerOptions s_compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = false };

    /// <summary>The body of the last request sent, or null before the first.</summary>
    public byte[]? RequestBody { get; private set; }

    /// <summary>The status of the last response, or null when none came (a transport error).</summary>
    public int? Status { get; private set; }

    /// <summary>The body of the last response, or null when none came.</summary>
    public byte[]? ResponseBody { get; private set; }

    public void Reset()
    {
        RequestBody = null;
        Status = null;
        ResponseBody = null;
    }

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex) =>
        throw new NotSupportedException("the reference agent calls the model asynchronously only");

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        ArgumentNullException.ThrowIfNull(message);
        Reset();
        if (message.Request.Content is { } content)
        {
            using var buffer = new MemoryStream();
            await content.WriteToAsync(buffer, message.CancellationToken).ConfigureAwait(false);
            RequestBody = Patch(buffer.ToArray());
            message.Request.Content = BinaryContent.Create(BinaryData.FromBytes(RequestBody));
        }

        await ProcessNextAsync(message, pipeline, currentIndex).ConfigureAwait(false);
        if (message.Response is { } response)
        {
            Status = response.Status;
            var body = await response.BufferContentAsync(message.CancellationToken).ConfigureAwait(false);
            ResponseBody = body.ToArray();
        }
    }

    private byte[] Patch(byte[] body)
    {
        if (extraFields.Count == 0 || JsonNode.Parse(body) is not JsonObject request)
        {
            return body;
        }

        foreach (var (key, value) in extraFields)
        {
            request[key] = value?.DeepClone();
        }

        return JsonSerializer.SerializeToUtf8Bytes(request, s_compact);
    }
}
