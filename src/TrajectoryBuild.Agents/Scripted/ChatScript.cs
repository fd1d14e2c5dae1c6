using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrajectoryBuild.Agents.Scripted;

/// <summary>
/// A scripted model's answers to one task: picked when <see cref="Match"/> occurs in the request's first user message;
/// the answer is <see cref="Responses"/>[number of assistant messages in the request], the last one once past the end.
/// Each response is a full chat.completion body, or <c>{"http_status": N, "body": ...}</c> to answer with another status.
/// </summary>
internal sealed record ChatScript(string Match, IReadOnlyList<JsonObject> Responses)
{
    /// <summary>Reads every <c>*.json</c> file of <paramref name="folder"/> (sorted by name): <c>{"match": "...", "responses": [...]}</c>.</summary>
    public static IReadOnlyList<ChatScript> LoadFolder(string folder)
    {
        var scripts = new List<ChatScript>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            scripts.Add(Load(file));
        }

        return scripts.Count > 0 ? scripts : throw new InvalidDataException($"{folder}: no *.json chat scripts");
    }

    public static ChatScript Load(string file)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(file));
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{file}: not valid JSON: {exception.Message}", exception);
        }

        if (root is not JsonObject script || script["match"] is not JsonValue match || match.GetValueKind() != JsonValueKind.String)
        {
            throw new InvalidDataException($"{file}: expected an object with a string 'match' and an array 'responses'");
        }

        if (script["responses"] is not JsonArray responses || responses.Count == 0 || responses.Any(r => r is not JsonObject))
        {
            throw new InvalidDataException($"{file}: 'responses' must be a non-empty array of objects");
        }

        return new ChatScript(match.GetValue<string>(), [.. responses.Select(r => (JsonObject)r!.DeepClone())]);
    }
}
