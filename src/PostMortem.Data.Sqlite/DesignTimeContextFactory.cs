using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PostMortem.Data.Internal;

namespace PostMortem.Data.Sqlite;

/// <summary>
/// Lets dotnet-ef build the context without starting the app. Making a migration needs no database;
/// `dotnet ef database update --connection "Data Source=..."` points it at a real file.
/// </summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<PostMortemDbContext>
{
    public PostMortemDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostMortemDbContext>();
        DatabaseSetup.Configure(builder, new DatabaseOptions
        {
            Provider = nameof(DatabaseProvider.Sqlite),
            ConnectionString = $"Data Source={Path.Combine("data", DatabaseOptions.DefaultSqliteFileName)}",
        });
        return new PostMortemDbContext(builder.Options);
    }
}
