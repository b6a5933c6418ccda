namespace Monitoring.Api.Infrastructure.Http;

public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, long TotalItems)
{
    public int TotalPages => PageSize == 0 ? 0 : (int)Math.Ceiling(TotalItems / (double)PageSize);
}

public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public static Page<T> Of<T>(IEnumerable<T> all, int? page, int? pageSize)
    {
        var list = all as IReadOnlyCollection<T> ?? all.ToList();
        var number = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        return new Page<T>(list.Skip((number - 1) * size).Take(size).ToList(), number, size, list.Count);
    }

    public static Page<T> From<T>(Marten.Pagination.IPagedList<T> paged) =>
        new(paged.ToList(), (int)paged.PageNumber, (int)paged.PageSize, paged.TotalItemCount);

    /// <summary>A 400 naming the paging parameter that is out of range, or null.</summary>
    public static IResult? Check(int? page, int? pageSize)
    {
        if (page is < 1)
            return Problems.Invalid("page", Localized.Text("page must be 1 or more.", "page phải từ 1 trở lên."));
        if (pageSize is < 1 or > MaxPageSize)
            return Problems.Invalid("pageSize", Localized.Text($"pageSize must be between 1 and {MaxPageSize}.", $"pageSize phải từ 1 đến {MaxPageSize}."));
        return null;
    }
}
