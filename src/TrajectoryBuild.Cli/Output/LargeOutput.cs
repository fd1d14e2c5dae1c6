using System.Text;

namespace TrajectoryBuild.Cli.Output;

/// <summary>
/// Writes a long text (a plan of 400,000 lines) to the console in large pieces. The console's writer flushes through a
/// 256-byte buffer, which costs one system call per line or less; here the text goes to the standard output stream
/// through a UTF-8 writer of its own with a 64 KB buffer, line by line as it is made, never whole in memory.
/// </summary>
internal static class LargeOutput
{
    private const int BufferSize = 1 << 16;

    /// <summary>Has <paramref name="write"/> write its text to <paramref name="writer"/>, the console's in large pieces.</summary>
    public static async Task WriteAsync(TextWriter writer, Action<TextWriter> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(write);
        if (!ReferenceEquals(writer, Console.Out))
        {
            write(writer);
            return;
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        await using var stream = Console.OpenStandardOutput();
        await using var output = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), BufferSize) { NewLine = writer.NewLine };
        write(output);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
