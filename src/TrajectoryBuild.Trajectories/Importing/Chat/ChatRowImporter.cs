using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.Chat;

/// <summary>
/// The rows of a Hugging Face trajectory dataset (JSON Lines, a JSON array or Parquet), each one trajectory whose
/// conversation is an OpenAI chat message list. The message list may be stored as a list or as a JSON string; a file
/// must use one form (the "version" of its rows). Fields whose name starts with <c>_</c> are annotations added by
/// whoever excerpted the file, not dataset fields, and are ignored; any other field not documented is quarantined.
/// </summary>
internal abstract class ChatRowImporter : RecordImporter
{
    /// The field that holds the messages.
    protected abstract string MessagesField { get; }

    /// The documented fields of a row.
    protected abstract FrozenSet<string> Fields { get; }

    internal sealed override bool ReadsArrayElements(string path) => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    // The messages are read from a JSON string by ParseEmbedded alone (VersionOf looks at the kind only).
    internal sealed override IReadOnlySet<string> EmbeddedColumns => field ??= FrozenSet.Create(StringComparer.Ordinal, MessagesField);

    protected override string? VersionOf(JsonElement record) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty(MessagesField, out var messages)
            ? messages.ValueKind switch
            {
                JsonValueKind.String => $"'{MessagesField}' stored as a JSON string",
                JsonValueKind.Array => $"'{MessagesField}' stored as a list",
                _ => null,
            }
            : null;

    protected sealed override IEnumerable<Trajectory> Convert(JsonElement record, ImportSource source, string position)
    {
        JsonFields.Expect(record, JsonValueKind.Object, "$");
        foreach (var property in record.EnumerateObject())
        {
            if (!Fields.Contains(property.Name) && !property.Name.StartsWith('_'))
            {
                throw new ImportException($"$.{property.Name}", $"unknown field '{property.Name}'; this importer reads only: {string.Join(", ", Fields.Order(StringComparer.Ordinal))}");
            }
        }

        var path = $"$.{MessagesField}";
        var messages = JsonFields.Required(record, MessagesField, "$");
        if (messages.ValueKind != JsonValueKind.String)
        {
            return [Complete(record, Conversation(messages, path), source, position)];
        }

        using var embedded = ParseEmbedded(messages, path);
        return [Complete(record, Conversation(embedded.Document.RootElement, path), source, position)];
    }

    /// Reads the message list (OpenAI chat messages unless an importer knows another shape).
    protected virtual ChatConversation Conversation(JsonElement messages, string path) => ChatMessages.Read(messages, path);

    /// The trajectory of one row, from its conversation and its other fields.
    protected abstract Trajectory Complete(JsonElement record, ChatConversation conversation, ImportSource source, string position);

    /// The <c>tools</c> definitions: a list, or a JSON string holding one; null when absent.
    protected static JsonArray? Tools(JsonElement record, string name = "tools")
    {
        if (!record.TryGetProperty(name, out var tools) || tools.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (tools.ValueKind == JsonValueKind.String)
        {
            using var embedded = ParseEmbedded(tools, $"$.{name}");
            return ToolsArray(embedded.Document.RootElement, $"$.{name}");
        }

        return ToolsArray(tools, $"$.{name}");
    }

    /// The outcome claims of a row, copied as they are (<c>resolved</c>, reports): null when it has none.
    protected static JsonObject? Labels(JsonElement record, params ReadOnlySpan<string> names)
    {
        JsonObject? labels = null;
        foreach (var name in names)
        {
            if (record.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                labels ??= [];
                labels[name] = JsonFields.ToNode(value);
            }
        }

        return labels;
    }

    private static JsonArray ToolsArray(JsonElement tools, string path)
    {
        JsonFields.Expect(tools, JsonValueKind.Array, path);
        return (JsonArray)JsonFields.ToNode(tools)!;
    }

    private static EmbeddedJson ParseEmbedded(JsonElement text, string path)
    {
        try
        {
            return EmbeddedJson.Parse(text, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException exception)
        {
            throw new ImportException(path, $"a string that is not valid JSON: {exception.Message.Split(" Path:", 2)[0]}");
        }
    }
}
