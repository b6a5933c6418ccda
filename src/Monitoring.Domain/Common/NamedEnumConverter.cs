using System.Text.Json.Serialization;

namespace Monitoring.Domain.Common;

/// <summary>Enums travel as their names ("Estimate"), never as numbers: a number is refused like any other unknown value.</summary>
public sealed class NamedEnumConverter<T>() : JsonStringEnumConverter<T>(namingPolicy: null, allowIntegerValues: false) where T : struct, Enum;
