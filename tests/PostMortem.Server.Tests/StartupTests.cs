using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PostMortem.Server.Tests.Infrastructure;

namespace PostMortem.Server.Tests;

public sealed class StartupTests
{
    [Theory]
    [InlineData("Limits:MaxMessageBytes", "10", "Limits:MaxMessageBytes must be between 4096 and 16777216 (is 10)")]
    [InlineData("Security:AllowedOrigins:0", "https://ok.example/path", "Security:AllowedOrigins entry \"https://ok.example/path\" is not an origin")]
    [InlineData("Auth:SigningKey", "short", "Auth:SigningKey must be at least")]
    [InlineData("Boards:RecentEntries", "1", "Boards:RecentEntries must be between 16 and 1000000 (is 1)")]
    public void InvalidSettingsStopTheServerWithAClearMessage(string key, string value, string expected)
    {
        using var server = new ServerFactory(new Dictionary<string, string?> { [key] = value });
        var error = Assert.ThrowsAny<Exception>(() => server.BaseAddress);
        var validation = error as OptionsValidationException ?? error.InnerException as OptionsValidationException
            ?? throw new Xunit.Sdk.XunitException($"expected an options validation failure, got {error}");
        // The message names the setting, what is wrong with it and the value given (a secret's length only).
        Assert.Contains(expected, validation.Message, StringComparison.Ordinal);
        if (key == "Auth:SigningKey")
        {
            // A secret is never echoed, in any quoting.
            Assert.DoesNotContain($"\"{value}\"", validation.Message, StringComparison.Ordinal);
            Assert.DoesNotContain($"'{value}'", validation.Message, StringComparison.Ordinal);
            Assert.DoesNotContain($": {value}", validation.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void WithoutAConfiguredKeyOneIsGeneratedOnceInTheDataFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pm-key-" + Guid.NewGuid().ToString("N"));
        try
        {
            string firstKey;
            string token;
            using (var first = new ServerFactory(new Dictionary<string, string?> { ["Auth:SigningKey"] = null, ["Data:Folder"] = folder }))
            {
                _ = first.BaseAddress;
                var data = first.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PostMortem.Server.Options.DataOptions>>().Value.Folder;
                Assert.Equal(folder, data);
                firstKey = File.ReadAllText(Path.Combine(folder, "signing-key"));
                token = first.Services.GetRequiredService<PostMortem.Server.Auth.ParticipantTokens>().Issue("0123456789abcdef0123456789abcdef", "p1");
            }

            using var second = new ServerFactory(new Dictionary<string, string?> { ["Auth:SigningKey"] = null, ["Data:Folder"] = folder });
            _ = second.BaseAddress;
            Assert.Equal(firstKey, File.ReadAllText(Path.Combine(folder, "signing-key")));
            Assert.True(firstKey.Length >= 43);
            // The key is the one in use: a token the first server signed still verifies after the restart.
            var claims = second.Services.GetRequiredService<PostMortem.Server.Auth.ParticipantTokens>().Verify(token);
            Assert.NotNull(claims);
            Assert.Equal("p1", claims.ParticipantId);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
