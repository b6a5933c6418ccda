using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Monitoring.Benchmarks;

public sealed record Results(
    List<Round> Single, List<Round> Batch, Round HalfPeak, double PeakRate, List<double> Pgbench, List<double> Marten1, List<double> Marten50,
    List<(int Events, double MedianMs, double P95Ms)> AsOf, List<double> ReviewSeconds, Sizes Size, long TotalEvents, double BulkAppendRate,
    Round AuditFirst, Round AuditLast, Round AuditUser, Round AuditUnit, long RebuildEvents, double RebuildSeconds, long PeakMemoryBytes, int Workers,
    List<double> SingleCpuMs, List<CpuShare> SingleCpuSplit, IReadOnlyList<(string Table, double PerItem)> RowsPerSubmission, History History);

/// <summary>
/// Append cost against history: figures held by the small and the large target before the probes (10 and
/// <paramref name="LargeGoal"/> when every filling submission succeeded), and the interleaved probes to each.
/// </summary>
public sealed record History(int SmallFigures, int LargeFigures, int LargeGoal, Round Small, Round Large)
{
    public double Ratio => Large.Percentile(50) / Small.Percentile(50);
    public bool Complete => SmallFigures == 10 && LargeFigures == LargeGoal && Small.Failed == 0 && Large.Failed == 0;
}

/// <summary>The markdown report: the machine, the command, every figure as min / median / max, and the goals.</summary>
public sealed class Report(bool quick, bool externalDatabase, string[] args)
{
    public void Write(string path, Results r, PageResults? pages = null)
    {
        var md = new StringBuilder();
        var singleRate = Stats.Spread(r.Single.Select(x => x.PerSecond));
        var batchRate = Stats.Spread(r.Batch.Select(x => x.PerSecond * 50));
        var pg = Stats.Spread(r.Pgbench);
        var m1 = Stats.Spread(r.Marten1);
        var m50 = Stats.Spread(r.Marten50);
        var review = Stats.Spread(r.ReviewSeconds);
        var asOf10 = r.AsOf.Single(a => a.Events == 10).MedianMs;
        var asOf1000 = r.AsOf.Single(a => a.Events == 1000).MedianMs;
        var rebuildRate = r.RebuildEvents / r.RebuildSeconds;
        var cpu = Stats.Spread(r.SingleCpuMs);
        var batchTrend = r.Batch[^1].PerSecond / r.Batch[0].PerSecond;
        var h = r.History;

        md.AppendLine("# Benchmark report").AppendLine();
        md.AppendLine($"Generated {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC{(quick ? " — **quick run (small sizes), not the reference figures**" : "")}.").AppendLine();
        md.AppendLine("## Machine and command").AppendLine();
        md.AppendLine($"- CPU: {Cpu()} ({Environment.ProcessorCount} cores); memory {Memory()}; {RuntimeInformation.OSDescription}");
        md.AppendLine($"- .NET {Environment.Version}; PostgreSQL: {(externalDatabase ? "external (--connection)" : "private cluster started by the benchmark (the service's own launcher), same machine")}");
        md.AppendLine($"- Command: `dotnet run -c Release --project tests/Monitoring.Benchmarks --{(args.Length == 0 ? "" : " " + string.Join(' ', args))}`");
        md.AppendLine($"- Load: {r.Workers} concurrent reporters (one token and one unit each, disjoint targets), over HTTP on loopback to the service in its own process; {r.Size.Rounds} rounds per figure; bounded by count and time.").AppendLine();

        md.AppendLine("## Submissions against the database's ceiling").AppendLine();
        md.AppendLine("| measure | min | median | max |").AppendLine("|---|---:|---:|---:|");
        Row(md, $"single-figure submissions/s (API, {r.Size.SingleRequests} per round)", r.Single.Select(x => x.PerSecond));
        Row(md, $"figures/s in batches of 50 (API, {r.Size.BatchRequests} submissions per round)", r.Batch.Select(x => x.PerSecond * 50));
        Row(md, "pgbench: single-row jsonb INSERT transactions/s, same concurrency", r.Pgbench);
        Row(md, "Marten appends/s, no HTTP, no projection, 1 event per transaction", r.Marten1);
        Row(md, "Marten appends/s, no HTTP, no projection, 50 events per transaction", r.Marten50);
        md.AppendLine();
        md.AppendLine("| ratio (medians) | value |").AppendLine("|---|---:|");
        md.AppendLine($"| API single / pgbench | {singleRate.Median / pg.Median:P0} |");
        md.AppendLine($"| API single / Marten (1 per transaction) | {singleRate.Median / m1.Median:P0} |");
        md.AppendLine($"| API batch figures / Marten (50 per transaction) | {batchRate.Median / m50.Median:P0} |");
        md.AppendLine($"| batch round {r.Batch.Count} / round 1 (figures/s) | {batchTrend:P0} |").AppendLine();

        md.AppendLine($"Service CPU per single-figure submission (user + system time of its process from `/proc/<pid>/stat`, {ServiceProcess.ClockTicksPerSecond} ticks/s, " +
                      "read before and after each round, divided by the round's accepted submissions; includes the hash-chain daemon's work done meanwhile):").AppendLine();
        md.AppendLine("| min | median | max |").AppendLine("|---:|---:|---:|");
        md.AppendLine($"| {cpu.Min:0.00} ms | {cpu.Median:0.00} ms | {cpu.Max:0.00} ms |").AppendLine();

        md.AppendLine($"Who used the {Environment.ProcessorCount} cores during each single-figure round (cores = CPU seconds per wall second, user + system " +
                      "from `/proc`: the service's process, every `postgres` process, this benchmark's own process which generates the load, and the whole machine " +
                      "from `/proc/stat`):").AppendLine();
        md.AppendLine("| round | service | PostgreSQL | load generator | machine busy |").AppendLine("|---:|---:|---:|---:|---:|");
        for (var i = 0; i < r.SingleCpuSplit.Count; i++)
        {
            var c = r.SingleCpuSplit[i];
            md.AppendLine($"| {i + 1} | {c.Service:0.00} | {c.Postgres:0.00} | {c.LoadGenerator:0.00} | {c.Machine:0.00} of {Environment.ProcessorCount} |");
        }
        md.AppendLine();

        md.AppendLine("Rows one single-figure submission writes in PostgreSQL (inserts + updates + deletes per table, from `pg_stat_user_tables`, " +
                      "over a counted round after the three above, divided by its accepted submissions; pgbench's transaction writes one row):").AppendLine();
        md.AppendLine("| table | rows per submission |").AppendLine("|---|---:|");
        foreach (var (table, perItem) in r.RowsPerSubmission) md.AppendLine($"| `{table}` | {perItem:0.00} |");
        md.AppendLine($"| **all** | **{r.RowsPerSubmission.Sum(x => x.PerItem):0.00}** |").AppendLine();

        md.AppendLine($"Append cost against history: single-figure submissions by one reporter to two targets of one unit, one holding 10 figures " +
                      $"and one holding {h.LargeGoal:N0}, both filled through the API (periods 2020–2025 and the resolution's spans, the three stages in turn); " +
                      $"then {h.Small.LatenciesMs.Length} submissions to each, interleaved (A, B, A, B …), one at a time. Each probe adds a figure, so the " +
                      $"targets end with {h.SmallFigures + h.Small.Ok:N0} and {h.LargeFigures + h.Large.Ok:N0}.").AppendLine();
        md.AppendLine("| target | figures before | p50 | p95 | failed |").AppendLine("|---|---:|---:|---:|---:|");
        md.AppendLine($"| small | {h.SmallFigures:N0} | {h.Small.Percentile(50):0.0} ms | {h.Small.Percentile(95):0.0} ms | {h.Small.Failed} |");
        md.AppendLine($"| large | {h.LargeFigures:N0}{(h.LargeFigures < h.LargeGoal ? $" (of {h.LargeGoal:N0}: filling stopped)" : "")} | {h.Large.Percentile(50):0.0} ms | {h.Large.Percentile(95):0.0} ms | {h.Large.Failed} |");
        md.AppendLine($"| ratio of p50s, large / small | | {h.Ratio:0.00}× | | |").AppendLine();

        md.AppendLine("Latency of submissions (ms):").AppendLine();
        md.AppendLine("| load | p50 | p95 | p99 | failed |").AppendLine("|---|---:|---:|---:|---:|");
        for (var i = 0; i < r.Single.Count; i++) LatencyRow(md, $"single, closed loop, round {i + 1}", r.Single[i]);
        for (var i = 0; i < r.Batch.Count; i++) LatencyRow(md, $"batch of 50, closed loop, round {i + 1}", r.Batch[i]);
        LatencyRow(md, $"single, open loop at half the peak ({r.PeakRate / 2:0}/s, achieved {r.HalfPeak.PerSecond:0}/s)", r.HalfPeak);
        md.AppendLine();

        md.AppendLine("## Reads, reviews, audit, rebuild, memory").AppendLine();
        md.AppendLine("| measure | value |").AppendLine("|---|---:|");
        foreach (var (events, median, p95) in r.AsOf)
            md.AppendLine($"| as-of status of a target with {events:N0} events (HTTP, median / p95 of 30) | {median:0.0} ms / {p95:0.0} ms |");
        md.AppendLine($"| as-of, 1,000 events / 10 events (medians) | {asOf1000 / asOf10:0.00}× |");
        md.AppendLine($"| review of {r.Size.ReviewTargets:N0} targets × 20 figures, document included (min / median / max) | {review.Min:0.00} / {review.Median:0.00} / {review.Max:0.00} s |");
        md.AppendLine($"| events in the store for the audit measures | {r.TotalEvents:N0} |");
        md.AppendLine($"| bulk append rate used to fill it (Marten, 1,000 per transaction, {r.Workers} writers) | {r.BulkAppendRate:N0} events/s |");
        AuditRow(md, "audit feed, first page of 100", r.AuditFirst);
        AuditRow(md, "audit feed, last page of 100 (cursor)", r.AuditLast);
        AuditRow(md, "audit feed, 100 events of one user", r.AuditUser);
        AuditRow(md, "audit feed, 100 events of one unit", r.AuditUnit);
        md.AppendLine($"| rebuild of the target projection over the data set's {r.RebuildEvents:N0} events (before the bulk noise) | {r.RebuildSeconds:0.0} s = {rebuildRate:N0} events/s |");
        md.AppendLine($"| rebuild rate / bulk append rate | {rebuildRate / r.BulkAppendRate:P0} |");
        md.AppendLine($"| service peak memory (VmHWM) after all of the above | {r.PeakMemoryBytes / 1024.0 / 1024:0} MB |").AppendLine();

        md.AppendLine("## Goals").AppendLine();
        md.AppendLine("Every goal is a ratio of two figures of this run (or an absolute bound), medians unless named.").AppendLine();
        md.AppendLine("| goal | measured | met |").AppendLine("|---|---:|:---:|");
        Goal(md, "single-figure submissions ≥ 40 % of pgbench", $"{singleRate.Median / pg.Median:P0} ({singleRate.Median:N0} / {pg.Median:N0} per s)",
            singleRate.Median >= 0.4 * pg.Median);
        Goal(md, "service CPU per single-figure submission ≤ 1 ms", $"{cpu.Median:0.00} ms", cpu.Median <= 1);
        Goal(md, "figures/s in 50-figure batches ≥ 50 % of raw Marten's 50-event transactions", $"{batchRate.Median / m50.Median:P0} ({batchRate.Median:N0} / {m50.Median:N0})",
            batchRate.Median >= 0.5 * m50.Median);
        Goal(md, "projection rebuild ≥ 50 % of the bulk append rate", $"{rebuildRate / r.BulkAppendRate:P0} ({rebuildRate:N0} / {r.BulkAppendRate:N0} events/s)",
            rebuildRate >= 0.5 * r.BulkAppendRate);
        Goal(md, "p99 < 50 ms at half the peak rate", $"{r.HalfPeak.Percentile(99):0.0} ms", r.HalfPeak.Percentile(99) < 50 && r.HalfPeak.Failed == 0);
        Goal(md, "service peak memory < 300 MB", $"{r.PeakMemoryBytes / 1024.0 / 1024:0} MB", r.PeakMemoryBytes < 300L * 1024 * 1024);
        Goal(md, $"a new figure on a target with {h.LargeGoal:N0} figures ≤ 1.5× one with 10 (p50)",
            $"{h.Ratio:0.00}× ({h.Large.Percentile(50):0.0} / {h.Small.Percentile(50):0.0} ms){(h.Complete ? "" : ", incomplete")}", h.Ratio <= 1.5 && h.Complete);
        Goal(md, $"batch round {r.Batch.Count}'s rate ≥ 90 % of round 1's", $"{batchTrend:P0}", batchTrend >= 0.9);
        Goal(md, "as-of status of 1,000 events ≤ 3× that of 10", $"{asOf1000 / asOf10:0.00}× ({asOf1000:0.0} / {asOf10:0.0} ms)", asOf1000 <= 3 * asOf10);
        Goal(md, "1,000 × 20 review < 3 s including the document", $"{review.Median:0.00} s", review.Median < 3 && r.Size.ReviewTargets >= 1000);
        md.AppendLine();
        if (pages is not null) md.Append(PagesSection(pages, alone: false));
        // The several-nodes section is written by `-- nodes` alone: a full run keeps the one already there.
        if (File.Exists(path) && Block(File.ReadAllText(path), NodesBegin, NodesEnd) is { } nodes) md.AppendLine(nodes).AppendLine();
        var notes = Path.Combine(Path.GetDirectoryName(path)!, "ANALYSIS.md");
        if (File.Exists(notes)) md.AppendLine(File.ReadAllText(notes));
        File.WriteAllText(path, md.ToString());
        Console.WriteLine(md.ToString());
    }

    public const string PagesBegin = "<!-- pages: begin (written by `-- pages` alone or by the full run) -->";
    public const string PagesEnd = "<!-- pages: end -->";

    /// <summary>
    /// The pages section alone (<c>-- pages</c>): replaces the one already in the report, else goes before the analysis
    /// (or at the end); the rest of the report, from an earlier full run, is kept as it was.
    /// </summary>
    public void WritePages(string path, PageResults pages) => WriteSection(path, PagesSection(pages, alone: true), PagesBegin, PagesEnd);

    public const string NodesBegin = "<!-- nodes: begin (written by `-- nodes`) -->";
    public const string NodesEnd = "<!-- nodes: end -->";

    /// <summary>The several-nodes section (<c>-- nodes</c>), placed like the pages section.</summary>
    public void WriteNodes(string path, NodesResults nodes) => WriteSection(path, NodesBenchmark.Section(nodes, args), NodesBegin, NodesEnd);

    private static string? Block(string text, string beginMark, string endMark)
    {
        var begin = text.IndexOf(beginMark, StringComparison.Ordinal);
        var end = text.IndexOf(endMark, StringComparison.Ordinal);
        return begin >= 0 && end > begin ? text[begin..(end + endMark.Length)] : null;
    }

    private static void WriteSection(string path, string section, string beginMark, string endMark)
    {
        var existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmark report\n\n";
        var begin = existing.IndexOf(beginMark, StringComparison.Ordinal);
        var end = existing.IndexOf(endMark, StringComparison.Ordinal);
        string written;
        if (begin >= 0 && end > begin)
        {
            var after = end + endMark.Length;
            while (after < existing.Length && existing[after] is '\n' or '\r') after++;
            written = existing[..begin] + section + existing[after..];
        }
        else
        {
            var notes = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "ANALYSIS.md");
            var firstNoteLine = File.Exists(notes) ? File.ReadLines(notes).FirstOrDefault(l => l.Trim().Length > 0) : null;
            var at = firstNoteLine is null ? -1 : existing.IndexOf(firstNoteLine, StringComparison.Ordinal);
            written = at >= 0 ? existing[..at] + section + existing[at..] : existing.TrimEnd() + "\n\n" + section;
        }
        File.WriteAllText(path, written);
        Console.WriteLine(section);
    }

    private string PagesSection(PageResults p, bool alone)
    {
        var md = new StringBuilder();
        md.AppendLine(PagesBegin);
        md.AppendLine("## Pages: render time").AppendLine();
        if (alone)
            md.AppendLine($"Generated {p.Generated:yyyy-MM-dd HH:mm} UTC by `dotnet run -c Release --project tests/Monitoring.Benchmarks -- {string.Join(' ', args)}` " +
                          $"alone{(quick ? " (quick: fewer requests per page)" : "")} (the sections above come from the last full run); " +
                          $"CPU: {Cpu()} ({Environment.ProcessorCount} cores), shared with whatever else the machine ran meanwhile.").AppendLine();
        md.AppendLine($"The service in its own process, in the **Development** environment so that the local sign-in page exists (outside Development " +
                      $"the pages sign in only through the OpenID Connect provider), logging at Warning, over a fresh database with the five seed documents " +
                      $"imported at start ({p.Resolutions} resolutions, {p.Targets} targets; {p.SeedImportSeconds:0} s from launch until listed). Signed in " +
                      $"through /sign-in (GET for the antiforgery token, then POST; the cookie kept) as the committee, the secretariat and a reporter of " +
                      $"{p.ReporterUnit} (the seed unit leading the most targets: {p.ReporterTargets}). Pages found by following the links of /resolutions " +
                      "(each resolution's page, then from it up to two target pages, one task page, its review pages: a mid-term review of each " +
                      $"resolution as of today is generated first through the API, {p.Reviews} of {p.Resolutions} accepted) plus the menu's fixed pages and the first entries of the unit's " +
                      "reports and of the submissions to approve, when there are any. " +
                      $"Each page warmed up with {p.WarmUps} requests, then requested {p.RequestsPerPage} times one after another over HTTP on loopback; " +
                      $"time until the last byte of the HTML. Goal: **p95 < {PagesBenchmark.GoalMs:0} ms on the seed data**, per page.").AppendLine();
        if (p.Measured.Count > 0)
        {
            md.AppendLine("| page | as | URL | p50 | p95 | max | failed | p95 < 200 ms |").AppendLine("|---|---|---|---:|---:|---:|---:|:---:|");
            foreach (var t in p.Measured)
                md.AppendLine($"| `{t.Page}` | {t.Role} | `{ShortUrl(t.Url)}` | {t.Percentile(50):0.0} ms | {t.Percentile(95):0.0} ms | " +
                              $"{t.LatenciesMs.DefaultIfEmpty(double.NaN).Max():0.0} ms | {t.Failed}{(t.FailedWith is null ? "" : $" ({t.FailedWith})")} | {(t.Met ? "yes" : "**no**")} |");
            md.AppendLine();
            md.AppendLine($"Goal met on {p.Measured.Count(t => t.Met)} of {p.Measured.Count} pages measured.").AppendLine();
        }
        else md.AppendLine("No page could be measured.").AppendLine();
        if (p.Missing.Count > 0)
        {
            md.AppendLine("Not measured (404: the page is not in this build; another status: it refused the role that opens it from the menu):").AppendLine();
            foreach (var m in p.Missing) md.AppendLine($"- `{ShortUrl(m.Url)}` as {m.Role}: {m.Status}");
            md.AppendLine();
        }
        md.AppendLine(PagesEnd).AppendLine();
        return md.ToString();
    }

    /// <summary>Ids cut to their last 8 characters (the random part of a version-7 id), so the table stays readable.</summary>
    private static string ShortUrl(string url) =>
        System.Text.RegularExpressions.Regex.Replace(url, "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", m => "…" + m.Value[^8..]);

    private static void Row(StringBuilder md, string label, IEnumerable<double> values)
    {
        var (min, median, max) = Stats.Spread(values);
        md.AppendLine($"| {label} | {min:N0} | {median:N0} | {max:N0} |");
    }

    private static void LatencyRow(StringBuilder md, string label, Round round) =>
        md.AppendLine($"| {label} | {round.Percentile(50):0.0} | {round.Percentile(95):0.0} | {round.Percentile(99):0.0} | {round.Failed} |");

    private static void AuditRow(StringBuilder md, string label, Round round) =>
        md.AppendLine($"| {label} (HTTP, median / p95 of {round.LatenciesMs.Length}) | {round.Percentile(50):0.0} ms / {round.Percentile(95):0.0} ms |");

    private static void Goal(StringBuilder md, string goal, string measured, bool met) => md.AppendLine($"| {goal} | {measured} | {(met ? "yes" : "**no**")} |");

    internal static string Cpu()
    {
        try { return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "unknown"; }
        catch (IOException) { return "unknown"; }
    }

    private static string Memory()
    {
        try
        {
            var kb = long.Parse(File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal")).Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            return $"{kb / 1024.0 / 1024:0.0} GiB";
        }
        catch (IOException) { return "unknown"; }
    }
}
