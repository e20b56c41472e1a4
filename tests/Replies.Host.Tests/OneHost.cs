global using Replies.Testing;

namespace Replies.Host.Tests;

/// <summary>One Azurite and one host for the classes that only read and add items (the host takes seconds to start).</summary>
public sealed class OneHostFixture : IAsyncLifetime
{
    private AzuriteInstance? _azurite;

    public FunctionsHostProcess Host { get; private set; } = null!;

    public string Storage => _azurite!.ConnectionString;

    /// <summary>The SMTP server the host mails notices to (its SMS go to the development gateway).</summary>
    public MailCatcher Mail { get; } = MailCatcher.Start();

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        await SampleDirectory.ImportAsync(_azurite.ConnectionString);
        Host = await FunctionsHostProcess.StartAsync(_azurite.ConnectionString, new Dictionary<string, string>
        {
            ["Replies__Mail__Host"] = "127.0.0.1",
            ["Replies__Mail__Port"] = Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Replies__Mail__Security"] = "None",
        });
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        Mail.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class OneHost : ICollectionFixture<OneHostFixture>
{
    public const string Name = "One host";
}
