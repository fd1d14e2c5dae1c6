using System.Globalization;

namespace Build.Workflows.Yaml;

/// <summary>A string, number or boolean; the writer picks its quoting. <see cref="Comment"/> follows it on its line.</summary>
internal sealed class YamlScalar : YamlNode
{
    private YamlScalar(string text, bool isString, string? comment)
    {
        Text = text;
        IsString = isString;
        Comment = comment;
    }

    public string Text { get; }

    /// <summary>False for numbers and booleans, which are written plain so YAML reads them as such.</summary>
    public bool IsString { get; }

    public string? Comment { get; }

    public static YamlScalar String(string value) => new(value, isString: true, comment: null);

    public static YamlScalar Number(int value) => new(value.ToString(CultureInfo.InvariantCulture), isString: false, comment: null);

    public static YamlScalar Boolean(bool value) => new(value ? "true" : "false", isString: false, comment: null);

    /// <summary>A copy with <c># comment</c> after the value.</summary>
    public YamlScalar WithComment(string comment) => new(Text, IsString, comment);
}
