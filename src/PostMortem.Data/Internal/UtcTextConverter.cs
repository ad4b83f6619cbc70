using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PostMortem.Data.Internal;

/// <summary>DateTimeOffset as fixed-width UTC text ("2026-03-03T16:47:00.0000000Z"): ordinal text
/// order equals time order, which is what SQLite compares. The offset is not kept: times are UTC.</summary>
internal sealed class UtcTextConverter() : ValueConverter<DateTimeOffset, string>(
    v => v.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture),
    s => DateTimeOffset.ParseExact(s, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal))
{
    private const string Format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'";
}
