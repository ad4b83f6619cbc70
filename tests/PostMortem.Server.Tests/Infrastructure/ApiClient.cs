using System.Net.Http.Json;
using System.Text.Json;
using PostMortem.Core.Protocol;

namespace PostMortem.Server.Tests.Infrastructure;

/// <summary>The HTTP API over a real socket, with every call under a timeout.</summary>
public sealed class ApiClient(HttpClient http) : IDisposable
{
    public static readonly object DefaultBoard = new
    {
        title = "Pause subscription API change",
        incidentAt = "2026-03-04T05:30:00Z",
        incidentType = "deployment",
        severity = 2,
        facilitatorName = "Sam",
    };

    public HttpClient Http => http;

    public async Task<CreateBoardResponse> CreateBoardAsync(object? request = null)
    {
        using var response = await PostAsync("api/boards", request ?? DefaultBoard);
        var body = await ReadJsonAsync(response);
        if ((int)response.StatusCode != 201)
        {
            throw new InvalidOperationException($"create failed: {(int)response.StatusCode} {body}");
        }

        return body.Deserialize(ProtocolJsonContext.Default.CreateBoardResponse)!;
    }

    public async Task<ParticipantTokenResponse> JoinAsync(CreateBoardResponse board, string name)
    {
        using var response = await PostAsync($"api/boards/{board.BoardId}/join", new { joinCode = board.JoinCode, name });
        var body = await ReadJsonAsync(response);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"join failed: {(int)response.StatusCode} {body}");
        }

        return body.Deserialize(ProtocolJsonContext.Default.ParticipantTokenResponse)!;
    }

    public async Task<HttpResponseMessage> PostAsync(string path, object body) =>
        await http.PostAsJsonAsync(path, body, HubTestClient.Json).WaitAsync(HubTestClient.Timeout);

    public async Task<HttpResponseMessage> GetAsync(string path) =>
        await http.GetAsync(path).WaitAsync(HubTestClient.Timeout);

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync().WaitAsync(HubTestClient.Timeout);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The problem's code extension, asserting it is a ProblemDetails response.</summary>
    public static async Task<string> ProblemCodeAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await ReadJsonAsync(response);
        return body.GetProperty("code").GetString()!;
    }

    public void Dispose() => http.Dispose();
}
