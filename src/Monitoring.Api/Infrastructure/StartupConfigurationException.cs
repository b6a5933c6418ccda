namespace Monitoring.Api.Infrastructure;

/// <summary>A setting the service cannot start without is missing or wrong; the message says which and how to set it.</summary>
public sealed class StartupConfigurationException(string message) : Exception(message);
