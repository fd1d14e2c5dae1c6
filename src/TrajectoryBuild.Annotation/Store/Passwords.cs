using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace TrajectoryBuild.Annotation.Store;

/// <summary>Password hashing with ASP.NET Core Identity's hasher (PBKDF2, salted, versioned format).</summary>
internal static class Passwords
{
    private static readonly PasswordHasher<StoreUser> s_hasher = new();
    private static readonly StoreUser s_nobody = new(0, "", Roles.Annotator, "");

    // A valid hash of a random password: checked against when the user does not exist, so a login takes as long either way.
    private static readonly string s_dummyHash = Hash(Generate());

    public const int MinimumLength = 8;

    public static string Hash(string password) => s_hasher.HashPassword(s_nobody, password);

    public static bool Verify(string? hash, string password)
    {
        var result = s_hasher.VerifyHashedPassword(s_nobody, hash ?? s_dummyHash, password);
        return hash is not null && result != PasswordVerificationResult.Failed;
    }

    /// <summary>A random password (24 characters, 143 bits) printed once for a new account.</summary>
    public static string Generate() =>
        RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 24);
}
