using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Data.Tables;
using Replies.Workflows.Storage;

namespace Replies.Workflows.Directory;

/// <summary>
/// People and departments in a table (partition <c>person</c> or <c>department</c>), held in memory once loaded: the
/// directory is small and read on every request. Writes go to the table first, then to memory.
/// </summary>
public sealed class DirectoryStore(ReplyStorage storage) : IDisposable
{
    private const string PersonPartition = "person";
    private const string DepartmentPartition = "department";
    private const string MetaPartition = "meta";
    private const string SampleLoadedRow = "seeded";
    private readonly ConcurrentDictionary<string, DirectoryPerson> _people = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Department> _departments = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _byExternalId = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile bool _loaded;

    /// <summary>Every person, by name.</summary>
    public IReadOnlyList<DirectoryPerson> People => [.. _people.Values.OrderBy(p => p.Role).ThenBy(p => p.Name, StringComparer.Ordinal)];

    /// <summary>Every department, by id.</summary>
    public IReadOnlyList<Department> Departments => [.. _departments.Values.OrderBy(d => d.DepartmentId, StringComparer.Ordinal)];

    /// <summary>Reads the table into memory (once; again when <paramref name="force"/>).</summary>
    public async Task LoadAsync(bool force = false, CancellationToken cancellationToken = default)
    {
        if (_loaded && !force)
        {
            return;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_loaded && !force)
            {
                return;
            }

            await storage.EnsureCreatedAsync(cancellationToken);
            await foreach (var row in storage.Directory.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
            {
                var json = row.GetString("Data");
                if (row.PartitionKey == PersonPartition)
                {
                    Remember(JsonSerializer.Deserialize<DirectoryPerson>(json, WorkflowJson.Options)!);
                }
                else if (row.PartitionKey == DepartmentPartition)
                {
                    var d = JsonSerializer.Deserialize<Department>(json, WorkflowJson.Options)!;
                    _departments[d.DepartmentId] = d;
                }
            }

            _loaded = true;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Whether the directory holds anyone.</summary>
    public bool IsEmpty => _people.IsEmpty && _departments.IsEmpty;

    /// <summary>A person by id.</summary>
    public DirectoryPerson? Person(string personId) => _people.GetValueOrDefault(personId);

    /// <summary>A person by the object id of their Entra ID account.</summary>
    public DirectoryPerson? PersonByExternalId(string externalId) =>
        _byExternalId.TryGetValue(externalId, out var id) ? Person(id) : null;

    /// <summary>A department by id.</summary>
    public Department? Department(string departmentId) => _departments.GetValueOrDefault(departmentId);

    /// <summary>Adds or replaces a person.</summary>
    public async Task SaveAsync(DirectoryPerson person, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await storage.Directory.UpsertEntityAsync(Row(PersonPartition, person.PersonId, person), TableUpdateMode.Replace, cancellationToken);
        if (_people.TryGetValue(person.PersonId, out var old) && old.ExternalId is { } gone)
        {
            _byExternalId.TryRemove(gone, out _);
        }

        Remember(person);
    }

    /// <summary>Adds or replaces a department.</summary>
    public async Task SaveAsync(Department department, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await storage.Directory.UpsertEntityAsync(Row(DepartmentPartition, department.DepartmentId, department), TableUpdateMode.Replace, cancellationToken);
        _departments[department.DepartmentId] = department;
    }

    /// <summary>Writes a whole directory (seeding).</summary>
    public async Task ImportAsync(DirectoryData data, CancellationToken cancellationToken = default)
    {
        foreach (var d in data.Departments)
        {
            await SaveAsync(d, cancellationToken);
        }

        foreach (var p in data.People)
        {
            await SaveAsync(p, cancellationToken);
        }
    }

    /// <summary>Whether the sample data was loaded into this storage (the marker row of the directory table).</summary>
    public async Task<bool> IsSampleLoadedAsync(CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        return (await storage.Directory.GetEntityIfExistsAsync<TableEntity>(MetaPartition, SampleLoadedRow, cancellationToken: cancellationToken)).HasValue;
    }

    /// <summary>Records that the sample data is loaded, so no later start loads it again.</summary>
    public Task MarkSampleLoadedAsync(DateTime at, CancellationToken cancellationToken = default) =>
        storage.Directory.UpsertEntityAsync(new TableEntity(MetaPartition, SampleLoadedRow) { ["At"] = at }, cancellationToken: cancellationToken);

    private void Remember(DirectoryPerson person)
    {
        _people[person.PersonId] = person;
        if (person.ExternalId is { Length: > 0 } external)
        {
            _byExternalId[external] = person.PersonId;
        }
    }

    private static TableEntity Row<T>(string partition, string id, T value) => new(partition, id)
    {
        ["Data"] = JsonSerializer.Serialize(value, WorkflowJson.Options),
    };

    /// <inheritdoc />
    public void Dispose() => _loading.Dispose();
}
