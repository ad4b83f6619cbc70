using System.Diagnostics;
using PostMortem.Core.Protocol;
using PostMortem.Server.Tests.Infrastructure;

namespace PostMortem.BoardLog.Tests.Cluster;

/// <summary>
/// A participant that behaves like the web client when its instance or Redis goes away: on a closed
/// connection it reconnects to any instance still running and joins with its last seen seq; on an
/// "unavailable" answer it resubmits the same clientOpId (R3 makes that safe).
/// </summary>
internal sealed class RoamingParticipant(ClusterBoard board, string name, string token, IReadOnlyList<ServerProcess> instances) : IAsyncDisposable
{
    private static readonly TimeSpan s_giveUpAfter = TimeSpan.FromSeconds(30);
    private HubTestClient? _client;
    private int _next;

    public string Name { get; } = name;

    public int Reconnects { get; private set; }

    public long LastSeq { get; private set; }

    public ServerProcess? Instance { get; private set; }

    public async Task ConnectAsync()
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var instance = instances[_next++ % instances.Count];
            if (!instance.HasExited)
            {
                try
                {
                    var client = await HubTestClient.ConnectAsync(instance.BaseAddress, token, $"{Name}@{instance.Name}");
                    var join = await client.JoinAsync(board.BoardId, LastSeq == 0 ? null : LastSeq);
                    LastSeq = Math.Max(LastSeq, join.GetProperty("seq").GetInt64());
                    if (_client is not null)
                    {
                        await _client.DisposeAsync();
                        Reconnects++;
                    }

                    (_client, Instance) = (client, instance);
                    return;
                }
                catch (Exception ex) when (ex is HubCallException or System.Net.WebSockets.WebSocketException or InvalidOperationException)
                {
                }
            }

            if (waited.Elapsed > s_giveUpAfter)
            {
                throw new TimeoutException($"{Name}: no instance accepted a connection within {s_giveUpAfter}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Submits until the board decided (accepted, duplicate or rejected), across reconnects and outages.</summary>
    public async Task<Ack> SubmitUntilDecidedAsync(object command, string clientOpId)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var ack = await _client!.SubmitAsync(command, clientOpId);
                LastSeq = Math.Max(LastSeq, Math.Max(ack.Seq ?? 0, _client.MaxSeq()));
                return ack;
            }
            catch (HubCallException ex) when (ex.Code is null)
            {
                // The connection closed under us (its instance died): find another.
                await ConnectAsync();
            }
            catch (HubCallException ex) when (ex.Code == "unavailable")
            {
                // Redis is down or restarting; the same clientOpId is safe to send again.
                if (waited.Elapsed > s_giveUpAfter)
                {
                    throw;
                }

                await Task.Delay(50);
            }
            catch (TimeoutException)
            {
                // No answer (an instance killed mid-call): reconnect and ask again.
                await ConnectAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
    }
}
