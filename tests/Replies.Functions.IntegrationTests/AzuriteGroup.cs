global using Replies.Testing;
global using Replies.Workflows;

namespace Replies.Functions.IntegrationTests;

[CollectionDefinition(Name)]
public sealed class AzuriteGroup : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
