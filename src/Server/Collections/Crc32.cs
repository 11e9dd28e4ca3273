namespace PocketBaseSharp.Server.Collections;

/// <summary>CRC-32 (IEEE), used for upstream's default collection and field ids.</summary>
public static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(string text)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(text))
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var i = 0u; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
