namespace Monitoring.Api.Notifications;

public sealed record NotifyUnit(string Key, string Kind, Guid UnitId, string Subject, string Body, string Link);

public sealed record NotifySecretariat(string Key, string Kind, string Subject, string Body, string Link);
