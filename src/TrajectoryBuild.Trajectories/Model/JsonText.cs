using System.Text.Json;

namespace TrajectoryBuild.Trajectories.Model;

/// <summary>
/// A text field of the model, held either as a string or as the exact JSON string token that
/// <see cref="TrajectoryWriter"/> writes for that string (UTF-8, escaped as its options escape, quotes included).
/// Importers keep the texts they only pass through (observations, messages, responses) as tokens straight from the
/// source's bytes (<see cref="JsonTokens.Canonical"/>): such a text is never decoded to UTF-16 and encoded back
/// unless someone reads <see cref="Value"/>. Equality is the text's, whichever form each side holds.
/// </summary>
internal sealed class JsonText : IEquatable<JsonText>
{
    private readonly byte[]? _token;
    private string? _value;

    private JsonText(string value) => _value = value;

    private JsonText(byte[] token) => _token = token;

    /// <summary>The text (decoded from the token on first use).</summary>
    public string Value => _token is null ? _value! : _value ??= Decode(_token);

    /// <summary>The JSON string token the writer writes for <see cref="Value"/>, or null when the text is held as a string.</summary>
    public byte[]? Token => _token;

    public static JsonText Of(string value) => new(value);

    public static JsonText? OfNullable(string? value) => value is null ? null : new(value);

    /// <summary>A text from a token that must be exactly what the writer writes for it (see <see cref="JsonTokens.Canonical"/>).</summary>
    public static JsonText OfToken(byte[] token) => new(token);

    public bool Equals(JsonText? other) =>
        other is not null && (ReferenceEquals(this, other) || (_token is not null && other._token is not null
            ? _token.AsSpan().SequenceEqual(other._token) // the writer's token is a function of the text, and back
            : string.Equals(Value, other.Value, StringComparison.Ordinal)));

    public override bool Equals(object? obj) => Equals(obj as JsonText);

    public override int GetHashCode() => Value is { } value ? StringComparer.Ordinal.GetHashCode(value) : 0;

    public override string ToString() => Value;

    private static string Decode(byte[] token)
    {
        var reader = new Utf8JsonReader(token);
        reader.Read();
        return reader.GetString()!;
    }
}
