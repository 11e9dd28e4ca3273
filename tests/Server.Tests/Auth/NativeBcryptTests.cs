using System.Text;
using PocketBaseSharp.Server.Auth;

namespace PocketBaseSharp.Server.Tests.Auth;

/// <summary>
/// The system libcrypt's bcrypt must be indistinguishable from BCrypt.Net (hashes made by either
/// are checked by the other, byte for byte the same for the same salt), and must step aside for
/// inputs a C string cannot carry.
/// </summary>
public sealed class NativeBcryptTests
{
    private static void RequireLibcrypt()
    {
        var loaded = System.Runtime.InteropServices.NativeLibrary.TryLoad("libcrypt.so.1", out var handle);
        var exported = loaded && System.Runtime.InteropServices.NativeLibrary.TryGetExport(handle, "crypt_rn", out _);
        if (!exported)
        {
            Assert.Ignore("no libcrypt.so.1 with crypt_rn on this machine (Debian's libcrypt1): the server falls back to BCrypt.Net here");
        }
    }

    [Test]
    public void OnDebian_TheSystemLibraryIsUsed()
    {
        RequireLibcrypt();

        Assert.Multiple(() =>
        {
            Assert.That(NativeBcrypt.IsAvailable, Is.True);
            Assert.That(NativeBcrypt.Crypt("U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC."), Is.EqualTo("$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"));
        });
    }

    [Test]
    public void RandomPasswords_GiveTheSameHashesAsBCryptNet_AndEachChecksTheOther()
    {
        RequireLibcrypt();
        var random = new Random(20261125);
        var mismatches = new List<string>();
        for (var i = 0; i < 120; i++)
        {
            var password = RandomPassword(random, random.Next(0, 90));
            var salt = BCrypt.Net.BCrypt.GenerateSalt(4, i % 3 == 0 ? 'b' : 'a');
            var managed = BCrypt.Net.BCrypt.HashPassword(password, salt);
            var native = NativeBcrypt.Crypt(password, salt);
            var ours = Passwords.Hash(password, 4);
            if (native != managed || !BCrypt.Net.BCrypt.Verify(password, ours) || !Passwords.Verify(password, managed)
                || Passwords.Verify("x" + password, managed))
            {
                mismatches.Add($"{i}: {Convert.ToHexString(Encoding.UTF8.GetBytes(password))}");
            }
        }

        Assert.That(mismatches, Is.Empty);
    }

    // Fixed cases besides the random ones: crypt_blowfish's 8-bit vector (as UTF-8 it never holds
    // the 0xFF bytes its $2a$ countermeasure looks for), a 72-byte boundary, the empty password.
    [TestCase("\u00ff\u00ff\u00a3")]
    [TestCase("\u00d1\u00e1\u00e9\u00ed\u00f3\u00fa \u00fc")]
    [TestCase("0123456789012345678901234567890123456789012345678901234567890123456789ab")]
    [TestCase("")]
    public void FixedPasswords_GiveTheSameHashesAsBCryptNet(string password)
    {
        RequireLibcrypt();
        var salt = BCrypt.Net.BCrypt.GenerateSalt(5, 'a');

        Assert.That(NativeBcrypt.Crypt(password, salt), Is.EqualTo(BCrypt.Net.BCrypt.HashPassword(password, salt)));
    }

    [TestCase("$2y$")]
    [TestCase("$2b$")]
    public void OtherBcryptPrefixes_AreCheckedAsBCryptNetChecksThem(string prefix)
    {
        RequireLibcrypt();
        var hash = prefix + BCrypt.Net.BCrypt.HashPassword("secret-password", 4)[4..];

        Assert.Multiple(() =>
        {
            Assert.That(NativeBcrypt.Crypt("secret-password", hash), Is.EqualTo(hash));
            Assert.That(Passwords.Verify("secret-password", hash), Is.EqualTo(BCrypt.Net.BCrypt.Verify("secret-password", hash)).And.True);
            Assert.That(Passwords.Verify("other-password", hash), Is.False);
        });
    }

    // Built in code: a lone surrogate in an attribute argument would be stored as U+FFFD.
    [TestCase("with\0nul")]
    [TestCase("lone surrogate")]
    public void PasswordsACStringCannotCarry_AreLeftToBCryptNet(string password)
    {
        RequireLibcrypt();
        password = password == "lone surrogate" ? "lone " + (char)0xD800 + " surrogate" : password;
        var salt = BCrypt.Net.BCrypt.GenerateSalt(4, 'a');

        Assert.That(NativeBcrypt.Crypt(password, salt), Is.Null);
    }

    [TestCase("")]
    [TestCase("not-a-hash")]
    [TestCase("$2a$10$short")]
    [TestCase("$1$saltsalt$abcdefghijklmnopqrstuv")]
    [TestCase("$2a$99$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")]
    public void MalformedSettings_AreNotAnswered(string setting) =>
        Assert.That(NativeBcrypt.Crypt("password", setting), Is.Null);

    private static string RandomPassword(Random random, int length)
    {
        var text = new StringBuilder();
        while (text.Length < length)
        {
            // ASCII, Latin-1, CJK and an astral character (a surrogate pair), as users type them;
            // lengths reach past bcrypt's 72 bytes, where both implementations ignore the rest.
            var c = random.Next(4) switch
            {
                0 => (char)random.Next(0x20, 0x7f),
                1 => (char)random.Next(0xa0, 0x100),
                2 => (char)random.Next(0x4e00, 0x9fff),
                _ => '\0',
            };
            if (c == '\0')
            {
                text.Append(char.ConvertFromUtf32(random.Next(0x1f600, 0x1f64f)));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
