using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// bcrypt through the system's libcrypt (libxcrypt: Debian's essential libcrypt1, also in the
/// runtime images): the same <c>$2a$</c> hashes as BCrypt.Net, each in about 42 ms instead of 50
/// at cost 10 on the developers' machine (docs/benchmarks.md, History, item 14). It answers only
/// where it is certain to agree with BCrypt.Net — the library passed a known-answer test at first
/// use, the password is valid UTF-16 without NUL characters (C strings end at NUL) and the hash or
/// setting is a well-formed <c>$2a$</c>/<c>$2b$</c>/<c>$2y$</c> one — and returns null otherwise,
/// so the caller falls back to BCrypt.Net. This file has no other dependency: the benchmark's
/// calibration compiles it too, to measure the rate the server gets.
/// </summary>
public static partial class NativeBcrypt
{
    // sizeof(struct crypt_data) in libxcrypt's crypt.h; its first field is the output string.
    private const int DataSize = 32768;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Lazy<bool> Usable = new(SelfTest);

    [ThreadStatic]
    private static byte[]? _data;

    /// <summary>Whether libcrypt is loaded and gave the known answer (else every call returns null).</summary>
    public static bool IsAvailable => Usable.Value;

    /// <summary>
    /// bcrypt of <paramref name="password"/> with <paramref name="setting"/> (a salt such as
    /// <c>$2a$10$</c> + 22 characters, or a whole hash to check against), or null when this
    /// class does not answer for these inputs.
    /// </summary>
    public static string? Crypt(string password, string setting) =>
        IsAvailable ? Run(password, setting) : null;

    private static string? Run(string password, string setting)
    {
        if (password.Contains('\0', StringComparison.Ordinal) || !Setting().IsMatch(setting))
        {
            return null;
        }

        byte[] phrase;
        try
        {
            phrase = new byte[StrictUtf8.GetByteCount(password) + 1];
        }
        catch (EncoderFallbackException)
        {
            return null;
        }

        StrictUtf8.GetBytes(password, phrase);
        var settingBytes = new byte[setting.Length + 1];
        Encoding.ASCII.GetBytes(setting, settingBytes);
        var data = _data ??= new byte[DataSize];
        var failed = crypt_rn(phrase, settingBytes, data, DataSize) == IntPtr.Zero;
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(phrase);
        if (failed)
        {
            return null;
        }

        var length = Array.IndexOf(data, (byte)0);
        var result = Encoding.ASCII.GetString(data, 0, length < 0 ? 0 : length);
        return result.StartsWith(setting[..7], StringComparison.Ordinal) && result.Length == 60 ? result : null;
    }

    private static bool SelfTest()
    {
        try
        {
            // The OpenBSD test vector for "U*U" at cost 5.
            return Run("U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.") == "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return false;
        }
    }

    // A salt ("$2a$10$" + 22 characters) or a full hash (31 more).
    [GeneratedRegex(@"^\$2[aby]\$(0[4-9]|[12][0-9]|3[01])\$[./A-Za-z0-9]{22}([./A-Za-z0-9]{31})?\z")]
    private static partial Regex Setting();

    [DllImport("libcrypt.so.1", EntryPoint = "crypt_rn", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern IntPtr crypt_rn(byte[] phrase, byte[] setting, [Out] byte[] data, int size);
}
