using System.Diagnostics.CodeAnalysis;

namespace Build.Workflows.Yaml;

/// <summary>A node of a generated YAML document: a <see cref="YamlMap"/>, a <see cref="YamlSequence"/> or a <see cref="YamlScalar"/>.</summary>
internal abstract class YamlNode
{
    /// <summary>A string scalar; null stays null, so an optional entry of a <see cref="YamlMap"/> is left out.</summary>
    [return: NotNullIfNotNull(nameof(value))]
    public static implicit operator YamlNode?(string? value) => value is null ? null : YamlScalar.String(value);

    public static implicit operator YamlNode(int value) => YamlScalar.Number(value);

    public static implicit operator YamlNode(bool value) => YamlScalar.Boolean(value);
}
