using System.Security.Cryptography;
using System.Text;

namespace TrajectoryBuild.Verification.Labels.Formats;

/// <summary>Ids derived from what they name, so the same export gives the same bytes.</summary>
internal static class StableId
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>Ten alphanumeric characters (the length Label Studio gives its region ids).</summary>
    public static string Short(params string[] parts)
    {
        var hash = Hash(parts);
        var id = new char[10];
        for (var i = 0; i < id.Length; i++)
        {
            id[i] = Alphabet[hash[i] % Alphabet.Length];
        }

        return new string(id);
    }

    /// <summary>A UUID (version 8, RFC 9562's "custom" version) from the SHA-256 of the parts.</summary>
    public static Guid Uuid(params string[] parts)
    {
        var bytes = Hash(parts)[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private static byte[] Hash(string[] parts) => SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\0', parts)));
}
