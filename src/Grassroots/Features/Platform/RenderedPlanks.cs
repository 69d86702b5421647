using Grassroots.Infrastructure.Text;
using Microsoft.Extensions.Caching.Memory;

namespace Grassroots.Features.Platform;

/// <summary>
/// A version's planks as safe HTML, kept after the first reading: a version never changes, and sanitizing is most of
/// what a document page costs (1.5 ms for a long plank; a 200-plank document took 0.3 s a view). Bounded by the
/// characters held (<see cref="MaxCharacters"/>), least recently used going first.
/// </summary>
public sealed class RenderedPlanks(UserText text) : IDisposable
{
    public const long MaxCharacters = 64L * 1024 * 1024;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxCharacters, CompactionPercentage = 0.25 });

    public string Html(Guid versionId, Guid plankKey, string body) =>
        _cache.GetOrCreate((versionId, plankKey), entry =>
        {
            var html = text.ToSafeHtml(body);
            entry.Size = Math.Max(1, html.Length);
            entry.SlidingExpiration = TimeSpan.FromHours(1);
            return html;
        })!;

    public void Dispose() => _cache.Dispose();
}
