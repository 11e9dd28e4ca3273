using System.Globalization;
using System.Text.RegularExpressions;
using SkiaSharp;

namespace PocketBaseSharp.Server.Files;

/// <summary>
/// Thumbnails in upstream's size syntax: <c>WxH</c> crops to fill from the center, <c>t</c>/<c>b</c>
/// crop from the top/bottom, <c>f</c> fits inside without cropping, and a 0 side keeps the aspect
/// ratio. Returns null for anything it cannot make, so the caller serves the original.
/// </summary>
public static partial class Thumbs
{
    [GeneratedRegex(@"^(\d{1,5})x(\d{1,5})([tbf]?)$")]
    private static partial Regex SizePattern();

    /// <summary>Formats thumbs are made for (GIF is served as the original: Skia cannot encode it).</summary>
    public static bool Supports(string contentType) => ContentTypes.Essence(contentType) is "image/png" or "image/jpeg" or "image/webp";

    public static byte[]? Create(byte[] original, string size, string contentType)
    {
        var m = SizePattern().Match(size);
        if (!m.Success || !Supports(contentType))
        {
            return null;
        }

        var width = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var height = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        var mode = m.Groups[3].Value;
        if (width == 0 && height == 0)
        {
            return null;
        }

        using var image = SKImage.FromEncodedData(original);
        if (image is null)
        {
            return null;
        }

        var (source, target) = Layout(image.Width, image.Height, width, height, mode);
        using var surface = SKSurface.Create(new SKImageInfo(target.Width, target.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (surface is null)
        {
            return null;
        }

        surface.Canvas.Clear(SKColors.Transparent);
        surface.Canvas.DrawImage(image, source, new SKRect(0, 0, target.Width, target.Height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var snapshot = surface.Snapshot();
        var format = ContentTypes.Essence(contentType) switch
        {
            "image/jpeg" => SKEncodedImageFormat.Jpeg,
            "image/webp" => SKEncodedImageFormat.Webp,
            _ => SKEncodedImageFormat.Png,
        };
        using var data = snapshot.Encode(format, 90);
        return data?.ToArray();
    }

    /// <summary>The part of the original to draw and the thumb's pixel size.</summary>
    public static (SKRect Source, SKSizeI Target) Layout(int srcWidth, int srcHeight, int width, int height, string mode)
    {
        var whole = new SKRect(0, 0, srcWidth, srcHeight);
        if (width == 0 || height == 0)
        {
            var ratio = width == 0 ? (double)height / srcHeight : (double)width / srcWidth;
            return (whole, new SKSizeI(Math.Max(1, (int)Math.Round(srcWidth * ratio)), Math.Max(1, (int)Math.Round(srcHeight * ratio))));
        }

        if (mode == "f")
        {
            // Fit never enlarges, like upstream.
            var fit = Math.Min(1, Math.Min((double)width / srcWidth, (double)height / srcHeight));
            return (whole, new SKSizeI(Math.Max(1, (int)Math.Round(srcWidth * fit)), Math.Max(1, (int)Math.Round(srcHeight * fit))));
        }

        var scale = Math.Max((double)width / srcWidth, (double)height / srcHeight);
        var cropWidth = (float)(width / scale);
        var cropHeight = (float)(height / scale);
        var left = (srcWidth - cropWidth) / 2;
        var top = mode switch
        {
            "t" => 0,
            "b" => srcHeight - cropHeight,
            _ => (srcHeight - cropHeight) / 2,
        };
        return (new SKRect(left, top, left + cropWidth, top + cropHeight), new SKSizeI(width, height));
    }
}
