using System.Globalization;
using System.Text;
using System.Xml;

namespace TrajectoryBuild.Verification.Labels.Formats;

/// <summary>
/// The Label Studio labeling config for per-turn scoring: the turn's context, thought, tool calls and observation as
/// <c>Text</c> objects, one single-choice <c>Choices</c> control per axis (named after the axis; each level's value is
/// shown with its label, exported as its number through <c>alias</c>, with the guideline as its hint), a <c>comment</c>
/// text area and an <c>adjudication</c> check box a reviewer ticks to mark the decision that resolves a disagreement.
/// </summary>
public static class LabelStudioConfig
{
    /// <summary>The object tag every control labels.</summary>
    public const string TargetName = "thought";

    /// <summary>The text area control holding the annotator's comment.</summary>
    public const string CommentName = "comment";

    /// <summary>The check box control a reviewer ticks on an adjudicated annotation.</summary>
    public const string AdjudicationName = "adjudication";

    /// <summary>The only choice of <see cref="AdjudicationName"/>.</summary>
    public const string AdjudicatedChoice = "adjudicated";

    /// <summary>The task <c>data</c> keys the config reads, in the order tasks write them.</summary>
    public static IReadOnlyList<string> DataKeys { get; } = ["trajectory_id", "turn", "instance_id", "scaffold", "model", "title", "context", "thought", "actions", "observation"];

    /// <summary>The config XML (deterministic: the same guidelines give the same bytes).</summary>
    public static string Xml()
    {
        var text = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", OmitXmlDeclaration = true, Encoding = new UTF8Encoding(false) };
        using (var xml = XmlWriter.Create(new StringWriter(text, CultureInfo.InvariantCulture), settings))
        {
            xml.WriteStartElement("View");
            xml.WriteComment($" TrajectoryBuild per-turn scoring, guidelines v{Axes.GuidelinesVersion}: scores {Axes.Min} (worst) to {Axes.Max} (best) ");
            Element(xml, "Header", ("value", "$title"));
            Section(xml, "Context (issue and earlier turns)", "context");
            Section(xml, "Thought", TargetName);
            Section(xml, "Tool calls", "actions");
            Section(xml, "Observation", "observation");
            foreach (var axis in Axes.All)
            {
                Element(xml, "Header", ("value", $"{axis.Title}: {axis.Question}"), ("size", "5"));
                xml.WriteStartElement("Choices");
                Attributes(xml, ("name", axis.Name), ("toName", TargetName), ("choice", "single-radio"), ("showInline", "true"));
                foreach (var level in axis.Levels)
                {
                    Element(xml, "Choice", ("value", ImportSource.LevelName(level)), ("alias", level.Value.ToString(CultureInfo.InvariantCulture)), ("hint", level.Guideline));
                }

                xml.WriteEndElement();
            }

            Element(xml, "Header", ("value", "Comment (optional)"), ("size", "5"));
            Element(xml, "TextArea", ("name", CommentName), ("toName", TargetName), ("maxSubmissions", "1"), ("editable", "true"), ("rows", "2"));
            xml.WriteStartElement("Choices");
            Attributes(xml, ("name", AdjudicationName), ("toName", TargetName), ("choice", "multiple"));
            Element(xml, "Choice", ("value", AdjudicatedChoice), ("hint", "Reviewers only: this annotation is the decision that resolves the annotators' disagreement."));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        return text.Append('\n').ToString();
    }

    private static void Section(XmlWriter xml, string heading, string key)
    {
        Element(xml, "Header", ("value", heading), ("size", "5"));
        Element(xml, "Text", ("name", key), ("value", "$" + key));
    }

    private static void Element(XmlWriter xml, string name, params (string Name, string Value)[] attributes)
    {
        xml.WriteStartElement(name);
        Attributes(xml, attributes);
        xml.WriteEndElement();
    }

    private static void Attributes(XmlWriter xml, params (string Name, string Value)[] attributes)
    {
        foreach (var (name, value) in attributes)
        {
            xml.WriteAttributeString(name, value);
        }
    }
}
