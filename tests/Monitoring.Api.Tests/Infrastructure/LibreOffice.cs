using System.Text;

namespace Monitoring.Api.Tests.Infrastructure;

/// <summary>LibreOffice (installed by .ci/run) opening a spreadsheet the service wrote and saving each sheet as CSV: a reader other than ours.</summary>
public static class LibreOffice
{
    /// <summary>Every sheet's rows as LibreOffice reads them: numbers unformatted (29240.3), dates as their format shows them.</summary>
    public static async Task<Dictionary<string, List<string[]>>> ToCsvAsync(byte[] xlsx)
    {
        var folder = Directory.CreateTempSubdirectory("xlsx-csv-");
        var profile = Directory.CreateTempSubdirectory("lo-profile-");
        try
        {
            var input = Path.Combine(folder.FullName, "book.xlsx");
            await File.WriteAllBytesAsync(input, xlsx);
            // Field separator ',', quote '"', UTF-8 (76), from line 1; cells as stored, not as shown (false at token 9); every sheet (-1).
            await ExternalTool.RunOrFailAsync("soffice", [$"-env:UserInstallation=file://{profile.FullName}", "--headless", "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", folder.FullName, input],
                folder.FullName, TimeSpan.FromMinutes(3));
            var sheets = new Dictionary<string, List<string[]>>();
            foreach (var file in Directory.GetFiles(folder.FullName, "book-*.csv"))
                sheets[Path.GetFileNameWithoutExtension(file)["book-".Length..]] = Parse(await File.ReadAllTextAsync(file, Encoding.UTF8));
            if (sheets.Count == 0) throw new InvalidOperationException("LibreOffice wrote no CSV: " + string.Join(", ", Directory.GetFiles(folder.FullName)));
            return sheets;
        }
        finally
        {
            folder.Delete(true);
            profile.Delete(true);
        }
    }

    /// <summary>The workbook opened and saved again by LibreOffice as .xlsx, as a clerk using LibreOffice Calc would send it back.</summary>
    public static async Task<byte[]> ResaveAsync(byte[] xlsx)
    {
        var folder = Directory.CreateTempSubdirectory("xlsx-resave-");
        var profile = Directory.CreateTempSubdirectory("lo-profile-");
        try
        {
            var input = Path.Combine(folder.FullName, "in", "book.xlsx");
            Directory.CreateDirectory(Path.GetDirectoryName(input)!);
            await File.WriteAllBytesAsync(input, xlsx);
            var output = Path.Combine(folder.FullName, "out");
            await ExternalTool.RunOrFailAsync("soffice", [$"-env:UserInstallation=file://{profile.FullName}", "--headless", "--convert-to",
                "xlsx:Calc MS Excel 2007 XML", "--outdir", output, input], folder.FullName, TimeSpan.FromMinutes(3));
            return await File.ReadAllBytesAsync(Path.Combine(output, "book.xlsx"));
        }
        finally
        {
            folder.Delete(true);
            profile.Delete(true);
        }
    }

    /// <summary>A date cell as LibreOffice writes a stored date (en-US order: 06/30/2023, 07/10/2023 09:30:00).</summary>
    public static DateTime Date(string text) => DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static List<string[]> Parse(string csv)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\n')
            {
                row.Add(cell.ToString()); cell.Clear();
                rows.Add([.. row]); row.Clear();
            }
            else if (c != '\r') cell.Append(c);
        }
        if (cell.Length > 0 || row.Count > 0) { row.Add(cell.ToString()); rows.Add([.. row]); }
        return rows;
    }
}
