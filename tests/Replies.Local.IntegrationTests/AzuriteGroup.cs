global using Replies.Testing;

namespace Replies.Local.IntegrationTests;

[CollectionDefinition(Name)]
public sealed class AzuriteGroup : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
