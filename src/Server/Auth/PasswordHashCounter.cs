namespace PocketBaseSharp.Server.Auth;

/// <summary>Counts bcrypt hashes and checks in one async flow, and those made inside a write (<see cref="Passwords.CountHashes"/>).</summary>
public sealed class PasswordHashCounter(Action detach) : IDisposable
{
    private int _total;
    private int _insideWrites;

    public int Total => Volatile.Read(ref _total);

    public int InsideWrites => Volatile.Read(ref _insideWrites);

    internal void Count(bool insideWrite)
    {
        Interlocked.Increment(ref _total);
        if (insideWrite)
        {
            Interlocked.Increment(ref _insideWrites);
        }
    }

    public void Dispose() => detach();
}
