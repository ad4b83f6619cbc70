using PostMortem.Core.Model;

namespace PostMortem.Core.WriteUp;

public static class WriteUpBuilder
{
    public static WriteUpModel Build(BoardState state, bool namesAsRoles) => throw new NotImplementedException();
}
