using Microsoft.AspNetCore.Components.Forms.Mapping;

namespace PostMortem.Web.Tests.Fakes;

/// <summary>
/// A posted form for bunit (which renders no HTTP request): the values a component's [SupplyParameterFromForm]
/// properties receive, by parameter name, as the server's form mapping would bind them.
/// </summary>
internal sealed class FakeFormValues : IFormValueMapper
{
    public Dictionary<string, object?> Values { get; } = new(StringComparer.Ordinal);

    public bool CanMap(Type valueType, string scopeName, string? formName) => true;

    public void Map(FormValueMappingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Values.TryGetValue(context.ParameterName, out var value))
        {
            context.SetResult(value);
        }
    }
}
