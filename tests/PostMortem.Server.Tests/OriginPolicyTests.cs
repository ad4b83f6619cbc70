using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using PostMortem.Server.Options;
using PostMortem.Server.Security;

namespace PostMortem.Server.Tests;

/// <summary>Local development origins are allowed in Development only, unless configured either way.</summary>
public sealed class OriginPolicyTests
{
    [Theory]
    [InlineData("Development", null, true)]
    [InlineData("Production", null, false)]
    [InlineData("Staging", null, false)]
    [InlineData("Production", true, true)]
    [InlineData("Development", false, false)]
    public void LocalhostOriginsAreAllowedOnlyInDevelopmentUnlessConfigured(string environment, bool? configured, bool allowed)
    {
        var policy = new OriginPolicy(Microsoft.Extensions.Options.Options.Create(new SecurityOptions { AllowLocalhostOrigins = configured }), new Environment(environment));
        var request = new DefaultHttpContext().Request;
        request.Host = new HostString("board.example.com");

        Assert.Equal(allowed, policy.IsAllowed("http://localhost:5173", request));
        Assert.Equal(allowed, policy.IsAllowed("http://127.0.0.1:8080", request));
        Assert.True(policy.IsAllowed("https://board.example.com", request));
        Assert.False(policy.IsAllowed("https://evil.example.com", request));
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "PostMortem.Server";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
