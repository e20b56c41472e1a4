global using Replies.Testing;

namespace Replies.Durable.IntegrationTests;

[CollectionDefinition(Name)]
public sealed class AzuriteGroup : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
