using System.Diagnostics;
using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Logs;

/// <summary>
/// Logs every request into <c>_logs</c> (http-api.md §9). It runs inside the error middleware so it
/// sees the handler's exception, and records the entry when the response has completed, when the
/// final status (including the error middleware's) is known. Building and queueing the entry is
/// guarded so that logging can never fail or delay the request.
/// </summary>
public sealed class RequestLogMiddleware(RequestDelegate next, LogWriter writer, ISettingsSource settings, ILogger<RequestLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var elapsed = TimeSpan.Zero;
        Exception? failure = null;
        http.Response.OnCompleted(() =>
        {
            Record(http, elapsed == TimeSpan.Zero ? Stopwatch.GetElapsedTime(started) : elapsed, failure);
            return Task.CompletedTask;
        });
        try
        {
            await next(http);
        }
        catch (Exception ex)
        {
            failure = ex;
            throw;
        }
        finally
        {
            elapsed = Stopwatch.GetElapsedTime(started);
        }
    }

    private void Record(HttpContext http, TimeSpan elapsed, Exception? failure)
    {
        try
        {
            var logs = settings.Current.Logs;
            // Upstream logs a request as an error when its handler failed; the MFA challenge is a
            // 401 its handler returns on purpose, so it is logged as info.
            var failed = failure is not null || (http.Response.StatusCode >= 400 && !http.Items.ContainsKey(Auth.MfaRequiredMiddleware.ChallengeKey));
            var level = failed ? LogEntry.Error : LogEntry.Info;
            if (logs.MaxDays <= 0 || level < logs.MinLevel || (!failed && RequestLogData.SkipsSuccess(http)))
            {
                return;
            }

            writer.TryEnqueue(RequestLogData.Build(http, elapsed, failure, level, logs, settings.Current.TrustedProxy));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Logging is best effort by design; the response has already been sent.
            logger.LogWarning(ex, "Could not log {Method} {Path}", http.Request.Method, http.Request.Path);
        }
    }
}
