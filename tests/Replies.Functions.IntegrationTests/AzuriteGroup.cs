global using Replies.Workflows;
global using Replies.Testing;

namespace Replies.Functions.IntegrationTests;

[CollectionDefinition(Name)]
public sealed class AzuriteGroup : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
