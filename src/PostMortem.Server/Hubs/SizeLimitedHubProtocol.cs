using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using PostMortem.Server.Options;

namespace PostMortem.Server.Hubs;

/// <summary>
/// The JSON hub protocol, with a protocol code for every client mistake SignalR would otherwise answer with its
/// own words (or not at all): a message over the size limit, one that is not valid JSON and one of an unknown
/// message <c>type</c> are turned into an invocation of a hidden hub method that sends <c>fatal</c> with a code
/// (message_too_large, malformed_command) and closes the connection — a frame that cannot be read leaves the
/// stream in doubt. A call to a method that does not exist, or with missing or wrongly typed arguments, is
/// turned into a hidden invocation under the caller's invocationId that fails that one call with
/// unknown_method or invalid_arguments; the connection stays usable. Everything else is SignalR's
/// <see cref="JsonHubProtocol"/> unchanged.
/// </summary>
internal sealed class SizeLimitedHubProtocol(IOptions<JsonHubProtocolOptions> options, IOptions<LimitsOptions> limits) : IHubProtocol
{
    public const string TooLargeTarget = "$messageTooLarge";
    public const string MalformedTarget = "$malformedMessage";
    public const string InvalidCallTarget = "$invalidCall";
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
            if (!_inner.TryParseMessage(ref input, binder, out message))
            {
                // A whole frame was there, yet no message came out: SignalR skips message types it does not know
                // (e.g. {"type":99}) without a word, which left the client waiting on a connection that ignores it.
                input = original.Slice(original.GetPosition(1, separator.Value));
                message = new InvocationMessage(MalformedTarget, []);
                return true;
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or System.Text.Json.JsonException or FormatException)
        {
            input = original.Slice(original.GetPosition(1, separator.Value));
            message = new InvocationMessage(MalformedTarget, []);
            return true;
        }

        message = message switch
        {
            InvocationBindingFailureMessage failure => new InvocationMessage(
                failure.InvocationId, InvalidCallTarget, [failure.Target, Exists(binder, failure.Target) ? InvalidArguments : UnknownMethod]),
            StreamBindingFailureMessage => new InvocationMessage(MalformedTarget, []),
            _ => message,
        };
        return true;
    }

    /// <summary>Codes the hidden <see cref="InvalidCallTarget"/> method answers with (docs/PROTOCOL.md 5.1).</summary>
    public const string UnknownMethod = "unknown_method";

    public const string InvalidArguments = "invalid_arguments";

    private static bool Exists(IInvocationBinder binder, string target)
    {
        try
        {
            _ = binder.GetParameterTypes(target);
            return true;
        }
        catch (HubException)
        {
            return false;
        }
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);
}
