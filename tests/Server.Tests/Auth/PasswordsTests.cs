using PocketBaseSharp.Server.Auth;

namespace PocketBaseSharp.Server.Tests.Auth;

public sealed class PasswordsTests
{
    [Test, CancelAfter(60_000)]
    public async Task VerifyAsync_UnderABurst_AnswersEveryCheckCorrectly()
    {
        var hash = Passwords.Hash("right-password", 4);
        var checks = Enumerable.Range(0, 8 * Environment.ProcessorCount)
            .Select(i => Passwords.VerifyAsync(i % 2 == 0 ? "right-password" : "wrong-password", hash));

        var results = await Task.WhenAll(checks);

        Assert.That(results, Is.EqualTo(Enumerable.Range(0, results.Length).Select(i => i % 2 == 0)));
    }

    [TestCase("")]
    [TestCase("not-a-bcrypt-hash")]
    [TestCase("$")]
    [TestCase("$2")]
    [TestCase("$2a$1")]
    [TestCase("$2a$10$short")]
    [TestCase("$2a$03$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")]
    [TestCase("$2a$a1$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")]
    [TestCase("$2a$10$CCCCCCCCCCCCCCCCCCCC\u0080.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")]
    public async Task VerifyAsync_WithoutAValidHash_IsFalse(string hash) =>
        Assert.That(await Passwords.VerifyAsync("anything", hash), Is.False);
}
