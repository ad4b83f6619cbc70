using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PostMortem.Server.Diagnostics;
using PostMortem.Server.Options;

namespace PostMortem.Server.Auth;

/// <summary>
/// The HMAC key for participant tokens: Auth:SigningKey when configured (all instances must share it),
/// otherwise a random key generated once and kept in the data folder so tokens survive restarts.
/// </summary>
internal sealed class SigningKey
{
    public const string FileName = "signing-key";

    public SigningKey(IOptions<AuthOptions> auth, IOptions<DataOptions> data, ILogger<SigningKey> logger)
    {
        Bytes = !string.IsNullOrWhiteSpace(auth.Value.SigningKey) && auth.Value.SigningKey is { } configured
            ? Encoding.UTF8.GetBytes(configured)
            : LoadOrCreate(Path.Combine(data.Value.Folder, FileName), logger);
    }

    public byte[] Bytes { get; }

    private static byte[] LoadOrCreate(string path, ILogger logger)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (File.Exists(path))
            {
                var text = File.ReadAllText(path).Trim();
                var bytes = Base64Url.DecodeFromChars(text);
                if (bytes.Length < 32)
                {
                    throw new InvalidOperationException($"The signing key file {path} is damaged (shorter than 32 bytes); delete it to generate a new one (issued tokens stop working).");
                }

                return bytes;
            }

            var key = RandomNumberGenerator.GetBytes(32);
            try
            {
                // CreateNew: two instances starting on one data folder must not overwrite each other's key.
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }

                stream.Write(Encoding.ASCII.GetBytes(Base64Url.EncodeToString(key)));
                ServerLog.SigningKeyGenerated(logger, path);
                return key;
            }
            catch (IOException) when (attempt < 3 && File.Exists(path))
            {
                // Another instance won the race; read its key.
            }
        }
    }
}
