using System.Runtime.InteropServices;

namespace Monitoring.Api.Infrastructure.Database;

internal static class UnixUser
{
    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    public static bool IsRoot { get; } = !OperatingSystem.IsWindows() && GetEffectiveUserId() == 0;
}
