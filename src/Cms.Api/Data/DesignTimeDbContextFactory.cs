using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Cms.Api.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service or a database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CmsDbContext>
{
    public CmsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<CmsDbContext>();
        DatabaseSetup.Configure(options, Environment.GetEnvironmentVariable("ConnectionStrings__Cms") ?? "Host=localhost;Database=cms");
        return new CmsDbContext(options.Options);
    }
}
