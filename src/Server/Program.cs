var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/api/health", () => Results.Json(new { message = "API is healthy.", code = 200, data = new { } }));
app.MapAdminUi();

app.Run();
