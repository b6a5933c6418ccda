using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Monitoring.Api.Infrastructure.Database;
using Npgsql;

namespace Monitoring.Api.Infrastructure.Nodes;

/// <summary>
/// ASP.NET Core's data-protection key ring kept in PostgreSQL (one row per key), so every node of one database protects and
/// unprotects with the same keys: a sign-in cookie issued by one node is read by the next. The only package served for this
/// needs Entity Framework Core, which the service does not use, hence these few lines on Npgsql. The table, in the national
/// database, is created at first use. The key XML is stored as ASP.NET Core writes it; at rest it is as protected as
/// the database (the same as the file system repository it replaces, which keeps it unencrypted on Linux).
/// </summary>
public sealed class SharedKeyRing(MonitoringDatabase database) : IXmlRepository
{
    public const string Table = "mt_data_protection_keys";
    private const string Qualified = $"{MartenSetup.Schema}.{Table}";

    private volatile bool _tableReady;

    /// <summary>In the national database (every province's pages sign in with the same keys); made at first use.</summary>
    private NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        connection.Open();
        if (_tableReady) return connection;
        using var create = new NpgsqlCommand($"""
            create schema if not exists {MartenSetup.Schema};
            create table if not exists {Qualified} (
              friendly_name text primary key, xml text not null, created_at timestamp with time zone not null default now());
            """, connection);
        try { create.ExecuteNonQuery(); }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateObject) { }
        _tableReady = true;
        return connection;
    }

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = Open();
        using var command = new NpgsqlCommand($"select xml from {Qualified} order by created_at, friendly_name", connection);
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read()) elements.Add(XElement.Parse(reader.GetString(0)));
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = Open();
        // A key's name is its id (key-{guid}): two nodes never write the same one, but a retried write must not fail.
        using var command = new NpgsqlCommand($"insert into {Qualified} (friendly_name, xml) values ($1, $2) on conflict (friendly_name) do nothing", connection)
        {
            Parameters = { new() { Value = friendlyName }, new() { Value = element.ToString(SaveOptions.DisableFormatting) } },
        };
        command.ExecuteNonQuery();
    }
}
