using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using PostMortem.Server.Options;

namespace PostMortem.Server.Hubs;

/// <summary>
/// The JSON hub protocol, with a clear answer to two client mistakes that SignalR would otherwise end with
/// a bare "Connection closed with an error.": a message over the size limit and a message that is not valid
/// JSON. Either is turned into an invocation of a hidden hub method that sends <c>fatal</c> with a code
/// (message_too_large, malformed_command) and closes the connection. Everything else is SignalR's
/// <see cref="JsonHubProtocol"/> unchanged.
/// </summary>
internal sealed class SizeLimitedHubProtocol(IOptions<JsonHubProtocolOptions> options, IOptions<LimitsOptions> limits) : IHubProtocol
{
    public const string TooLargeTarget = "$messageTooLarge";
    public const string MalformedTarget = "$malformedMessage";
    private const byte RecordSeparator = 0x1e;

    private readonly JsonHubProtocol _inner = new(options);

    /// <summary>SignalR hands the parser at most this many bytes of an unterminated message: HubOptions'
    /// MaximumReceiveMessageSize is set from the same option. (HubOptions itself cannot be injected here: its
    /// setup depends on the registered protocols.)</summary>
    private readonly long _limit = limits.Value.MaxMessageBytes;

    public string Name => _inner.Name;

    public int Version => _inner.Version;

    public TransferFormat TransferFormat => _inner.TransferFormat;

    public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        var separator = input.PositionOf(RecordSeparator);
        if (separator is null)
        {
            if (input.Length >= _limit)
            {
                // SignalR gave us a window of exactly the limit with no end in sight: the message is too large.
                input = input.Slice(input.End);
                message = new InvocationMessage(TooLargeTarget, []);
                return true;
            }

            message = null;
            return false;
        }

        var original = input;
        try
        {
            return _inner.TryParseMessage(ref input, binder, out message);
        }
        catch (Exception ex) when (ex is InvalidDataException or System.Text.Json.JsonException or FormatException)
        {
            input = original.Slice(original.GetPosition(1, separator.Value));
            message = new InvocationMessage(MalformedTarget, []);
            return true;
        }
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);
}
