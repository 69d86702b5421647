// Baseline for bench/coldstart.sh: the least an ASP.NET Core app does before its first answer.
var app = WebApplication.Create(args);
app.MapGet("/health/ready", () => "Healthy");
app.Run();
