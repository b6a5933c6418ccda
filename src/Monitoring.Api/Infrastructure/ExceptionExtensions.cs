namespace Monitoring.Api.Infrastructure;

public static class ExceptionExtensions
{
    public static T? FindInner<T>(this Exception exception) where T : Exception
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
            if (e is T found) return found;
        return exception is AggregateException aggregate
            ? aggregate.InnerExceptions.Select(FindInner<T>).FirstOrDefault(x => x is not null)
            : null;
    }
}
