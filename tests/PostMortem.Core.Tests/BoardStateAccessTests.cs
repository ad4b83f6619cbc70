using System.Collections;
using System.Reflection;
using PostMortem.Core.Model;

namespace PostMortem.Core.Tests;

/// <summary>
/// Only Core's reducer changes a board: outside Core every part of <see cref="BoardState"/> is read-only — no public
/// setter (a secret hash may be given once, at construction), no public mutable collection.
/// </summary>
public sealed class BoardStateAccessTests
{
    private static readonly Type[] StateTypes =
        [typeof(BoardState), typeof(BoardMeta), typeof(TimerState), typeof(Participant), typeof(Note), typeof(ActionDetails), typeof(WhyChain), typeof(WhyStep), typeof(BoardSecrets)];

    public static TheoryData<Type> Types() => [.. StateTypes];

    [Theory]
    [MemberData(nameof(Types))]
    public void BoardStateHasNoPublicSetterOutsideCore(Type type)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        Assert.NotEmpty(properties);
        foreach (var property in properties)
        {
            var setter = property.SetMethod;
            var initOnly = setter?.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)) == true;
            Assert.True(setter is null || !setter.IsPublic || initOnly, $"{type.Name}.{property.Name} has a public setter");
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void BoardStateExposesOnlyReadOnlyCollections(Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var t = property.PropertyType;
            if (t == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(t))
            {
                continue;
            }

            Assert.True(t.IsInterface && t.IsGenericType && t.GetGenericTypeDefinition() is var g
                    && (g == typeof(IReadOnlyList<>) || g == typeof(IReadOnlyDictionary<,>)),
                $"{type.Name}.{property.Name} is a {t.Name}, which callers could change");
        }
    }
}
