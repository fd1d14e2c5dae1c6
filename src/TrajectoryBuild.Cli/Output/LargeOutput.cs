using System.Text;

namespace TrajectoryBuild.Cli.Output;

/// <summary>
/// Writes a long text (a plan of 400,000 lines) in one piece. The console's writer flushes through a 256-byte
/// buffer, which costs one system call per line or less; the standard output stream takes the whole text at once.
/// </summary>
internal static class LargeOutput
{
    public static async Task WriteAsync(TextWriter writer, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!ReferenceEquals(writer, Console.Out) || text.Length < 1 << 16)
        {
            await writer.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
            return;
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        await using var stream = Console.OpenStandardOutput();
        await stream.WriteAsync(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
