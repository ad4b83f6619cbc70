using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PostMortem.Data.Internal;

namespace PostMortem.Data.SqlServer;

/// <summary>
/// Lets dotnet-ef build the context without starting the app. Making a migration or the idempotent
/// script needs no server (the connection string below is never opened);
/// `dotnet ef database update --connection "Server=..."` points it at a real one.
/// </summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<PostMortemDbContext>
{
    /// <summary>Never opened by migrations add/script; only its shape matters.</summary>
    internal const string PlaceholderConnectionString = "Server=localhost;Database=PostMortem;Integrated Security=false;TrustServerCertificate=True";

    public PostMortemDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostMortemDbContext>();
        DatabaseSetup.Configure(builder, new DatabaseOptions
        {
            Provider = nameof(DatabaseProvider.SqlServer),
            ConnectionString = PlaceholderConnectionString,
        });
        return new PostMortemDbContext(builder.Options);
    }
}
