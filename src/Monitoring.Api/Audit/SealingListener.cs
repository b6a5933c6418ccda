using Marten;

namespace Monitoring.Api.Audit;

/// <summary>Seals every event a session appends, just before it is saved.</summary>
public sealed class SealingListener(byte[] key) : DocumentSessionListenerBase
{
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        foreach (var stream in session.PendingChanges.Streams())
            foreach (var e in stream.Events)
            {
                if (e.Id == Guid.Empty) e.Id = Guid.CreateVersion7();
                e.SetHeader(AuditChain.SealHeader, AuditChain.Seal(key, e.Id, stream.Id, e.EventTypeName));
            }
        return Task.CompletedTask;
    }
}
