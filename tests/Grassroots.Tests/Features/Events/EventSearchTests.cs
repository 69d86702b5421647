using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Events;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Web;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Events;

/// <summary>
/// Finding events near a ZIP and on the map. Each test tags its events with a word of its own and searches
/// with it, so the tests of a class (sharing one database) never see each other's events.
/// </summary>
public abstract class EventSearchTests(AppFactory app)
{
    private static readonly DateTimeOffset Soon = DateTimeOffset.UtcNow.AddDays(10);
    private const string Origin = "19107"; // Philadelphia

    private static string Token() => "t" + Guid.NewGuid().ToString("N")[..10];

    private ZipPlace Zip(string zip) => app.Scoped(sp => sp.GetRequiredService<ZipCodes>().Find(zip)!);

    private async Task<Guid> HostAsync() => (await app.MemberAsync()).Member.Id;

    private static Event At(Guid host, string title, double lat, double lng, DateTimeOffset start, EventKind kind = EventKind.HouseParty,
        string zone = "America/New_York", Guid? campaign = null) => new()
    {
        Slug = "e-" + Guid.NewGuid().ToString("N"), Title = title, Kind = kind, StartsAt = start, EndsAt = start.AddHours(2), TimeZone = zone,
        Latitude = lat, Longitude = lng, Zip = "19107", City = "Philadelphia", State = "PA", Address = "1 Secret Street",
        HostId = host, CampaignId = campaign, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
    };

    private static Event OnlineAt(Guid host, string title, DateTimeOffset start) => new()
    {
        Slug = "e-" + Guid.NewGuid().ToString("N"), Title = title, Kind = EventKind.ConferenceCall, StartsAt = start, EndsAt = start.AddHours(1),
        TimeZone = "America/New_York", Online = true, OnlineUrl = "https://example.org/call", HostId = host,
        CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
    };

    private Task SaveAsync(params Event[] events) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        db.Events.AddRange(events);
        return await db.SaveChangesAsync();
    });

    private async Task<Page<EventSummary>> SearchAsync(string query)
    {
        var response = await app.CreateClient().GetAsync("/api/events?" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<Page<EventSummary>>())!;
    }

    /// <summary>The point <paramref name="miles"/> from a place along a bearing (degrees from north), on the sphere GeoMath measures on.</summary>
    private static (double Lat, double Lng) Toward(double lat, double lng, double bearing, double miles)
    {
        const double d2r = Math.PI / 180;
        var (p1, l1, t, delta) = (lat * d2r, lng * d2r, bearing * d2r, miles / GeoMath.EarthRadiusMiles);
        var p2 = Math.Asin(Math.Sin(p1) * Math.Cos(delta) + Math.Cos(p1) * Math.Sin(delta) * Math.Cos(t));
        var l2 = l1 + Math.Atan2(Math.Sin(t) * Math.Sin(delta) * Math.Cos(p1), Math.Cos(delta) - Math.Sin(p1) * Math.Sin(p2));
        return (p2 / d2r, l2 / d2r);
    }

    [Fact]
    public async Task An_event_49_miles_away_is_found_within_50_and_one_51_miles_away_across_a_cell_border_is_not()
    {
        var host = await HostAsync();
        var token = Token();
        var o = Zip(Origin);
        // A bearing along which 49 and 51 miles fall in different grid cells, both crossed by the circle's edge.
        var bearing = Enumerable.Range(0, 360).First(b =>
        {
            var (a, c) = (Toward(o.Latitude, o.Longitude, b, 49), Toward(o.Latitude, o.Longitude, b, 51));
            var edge = GridCells.Around(o.Latitude, o.Longitude, 50).Edge;
            return GridCells.Of(a.Lat, a.Lng) != GridCells.Of(c.Lat, c.Lng) && edge.Contains(GridCells.Of(a.Lat, a.Lng)) && edge.Contains(GridCells.Of(c.Lat, c.Lng));
        });
        var (inLat, inLng) = Toward(o.Latitude, o.Longitude, bearing, 49);
        var (outLat, outLng) = Toward(o.Latitude, o.Longitude, bearing, 51);
        var near = At(host, $"In range {token}", inLat, inLng, Soon);
        var far = At(host, $"Out of range {token}", outLat, outLng, Soon);
        await SaveAsync(near, far);

        var found = await SearchAsync($"zip={Origin}&miles=50&q={token}");
        var only = Assert.Single(found.Items);
        Assert.Equal(near.Id, only.Id);
        Assert.Equal(49.0, only.Miles);
        Assert.Equal(1, found.Total);
        Assert.Equal(2, (await SearchAsync($"zip={Origin}&miles=52&q={token}")).Total);
        Assert.Equal(near.Id, Assert.Single((await SearchAsync($"zip={Origin}&miles=50&q={token}&sort=distance")).Items).Id);
        // The list never says where the house is.
        Assert.DoesNotContain("Secret Street", await app.CreateClient().GetStringAsync($"/api/events?zip={Origin}&miles=50&q={token}"));
    }

    [Fact]
    public async Task Pages_by_time_and_by_distance_are_stable_and_complete_even_when_events_tie()
    {
        var host = await HostAsync();
        var token = Token();
        var o = Zip(Origin);
        var events = new List<Event>();
        // 12 events at one centroid at the same minute (a house-party weekend), and 13 more around, some also tied.
        for (var i = 0; i < 12; i++) events.Add(At(host, $"Tie {i} {token}", o.Latitude, o.Longitude, Soon));
        for (var i = 0; i < 13; i++)
        {
            var (lat, lng) = Toward(o.Latitude, o.Longitude, i * 29, 3 + i * 3);
            events.Add(At(host, $"Around {i} {token}", lat, lng, Soon.AddHours(i % 3)));
        }
        await SaveAsync([.. events]);

        foreach (var sort in new[] { "time", "distance" })
        {
            var seen = new List<EventSummary>();
            for (var page = 1; page <= 3; page++)
            {
                var p = await SearchAsync($"zip={Origin}&miles=50&q={token}&sort={sort}&page={page}&pageSize=10");
                Assert.Equal(25, p.Total);
                seen.AddRange(p.Items);
            }
            Assert.Equal(25, seen.Count);
            Assert.Equal(25, seen.Select(e => e.Id).Distinct().Count());
            if (sort == "time")
                Assert.True(seen.Zip(seen.Skip(1)).All(x => x.First.StartsAt <= x.Second.StartsAt), "time order");
            else
                Assert.True(seen.Zip(seen.Skip(1)).All(x => x.First.Miles <= x.Second.Miles), "distance order");
            // The same page asked twice is the same page.
            var again = await SearchAsync($"zip={Origin}&miles=50&q={token}&sort={sort}&page=2&pageSize=10");
            Assert.Equal(seen.Skip(10).Take(10).Select(e => e.Id), again.Items.Select(e => e.Id));
        }
    }

    [Fact]
    public async Task Kind_words_campaign_days_and_online_filter_the_list()
    {
        var host = await HostAsync();
        var token = Token();
        var o = Zip(Origin);
        var campaign = new Campaign { Slug = "weekend-" + token, Title = "House party weekend", FirstDay = new DateOnly(2030, 1, 1), LastDay = new DateOnly(2030, 1, 2), CreatedById = host, CreatedAt = DateTimeOffset.UtcNow };
        await app.WithScopeAsync(async sp => { var db = sp.GetRequiredService<AppDbContext>(); db.Campaigns.Add(campaign); return await db.SaveChangesAsync(); });
        // 9 pm in Los Angeles on June 4 is June 5 in UTC: the day is the place's.
        var june4 = new DateOnly(DateTime.UtcNow.Year + 1, 6, 4);
        var lateInLa = new DateTimeOffset(june4.ToDateTime(new TimeOnly(21, 0)), TimeSpan.FromHours(-7)).ToUniversalTime();
        var party = At(host, $"Party {token}", o.Latitude, o.Longitude, lateInLa, zone: "America/Los_Angeles", campaign: campaign.Id);
        var rally = At(host, $"Rally for {token} rights", o.Latitude + 0.1, o.Longitude, lateInLa.AddDays(3), EventKind.Rally);
        var call = OnlineAt(host, $"Call {token}", lateInLa.AddDays(1));
        await SaveAsync(party, rally, call);

        Assert.Equal(new[] { rally.Id }, (await SearchAsync($"zip={Origin}&q={token}&kind=Rally")).Items.Select(e => e.Id));
        Assert.Equal(new[] { rally.Id }, (await SearchAsync($"zip={Origin}&q={token}%20rights")).Items.Select(e => e.Id));
        Assert.Equal(new[] { party.Id }, (await SearchAsync($"q={token}&campaign={campaign.Slug}")).Items.Select(e => e.Id));
        Assert.Equal(new[] { party.Id }, (await SearchAsync($"q={token}&campaign={campaign.Id}")).Items.Select(e => e.Id));
        Assert.Equal(new[] { party.Id }, (await SearchAsync($"q={token}&from={june4:yyyy-MM-dd}&to={june4:yyyy-MM-dd}")).Items.Select(e => e.Id));
        Assert.DoesNotContain(party.Id, (await SearchAsync($"q={token}&from={june4.AddDays(1):yyyy-MM-dd}&to={june4.AddDays(1):yyyy-MM-dd}")).Items.Select(e => e.Id));
        Assert.Equal(new[] { call.Id }, (await SearchAsync($"q={token}&from={june4.AddDays(1):yyyy-MM-dd}&to={june4.AddDays(2):yyyy-MM-dd}")).Items.Select(e => e.Id));
        var local = (await SearchAsync($"q={token}&kind=HouseParty")).Items.Single();
        Assert.Equal(new DateTime(june4.Year, 6, 4, 21, 0, 0), local.StartsLocal);
        // Online events: everywhere without a ZIP; with one, only when asked for.
        Assert.Equal(3, (await SearchAsync($"q={token}")).Total);
        Assert.Equal(2, (await SearchAsync($"zip={Origin}&q={token}")).Total);
        Assert.Equal(new[] { party.Id, call.Id, rally.Id }, (await SearchAsync($"zip={Origin}&q={token}&online=include")).Items.Select(e => e.Id));
        Assert.Equal(new[] { party.Id, rally.Id, call.Id }, (await SearchAsync($"zip={Origin}&q={token}&online=include&sort=distance")).Items.Select(e => e.Id));
        Assert.Equal(new[] { call.Id }, (await SearchAsync($"zip={Origin}&q={token}&online=only")).Items.Select(e => e.Id));
    }

    [Fact]
    public async Task An_online_event_with_a_ZIP_is_listed_only_when_online_events_are_asked_for_and_then_once()
    {
        var host = await HostAsync();
        var token = Token();
        var o = Zip(Origin);
        var party = At(host, $"Party {token}", o.Latitude, o.Longitude, Soon);
        // Online, but its host gave a ZIP (a place to say where it is run from): it has a grid cell like a placed event.
        var call = OnlineAt(host, $"Call {token}", Soon.AddHours(1));
        (call.Zip, call.City, call.State, call.Latitude, call.Longitude) = ("19107", "Philadelphia", "PA", o.Latitude, o.Longitude);
        await SaveAsync(party, call);

        foreach (var sort in new[] { "time", "distance" })
        {
            Assert.Equal(new[] { party.Id }, (await SearchAsync($"zip={Origin}&q={token}&sort={sort}")).Items.Select(e => e.Id));
            Assert.Equal(new[] { party.Id }, (await SearchAsync($"zip={Origin}&q={token}&sort={sort}&online=exclude")).Items.Select(e => e.Id));
            var both = await SearchAsync($"zip={Origin}&q={token}&sort={sort}&online=include");
            Assert.Equal(new[] { party.Id, call.Id }, both.Items.Select(e => e.Id));
            Assert.Equal(2, both.Total);
        }
        Assert.Equal(new[] { call.Id }, (await SearchAsync($"zip={Origin}&q={token}&online=only")).Items.Select(e => e.Id));

        // The unfiltered list near a ZIP (its own statement): a ZIP no other test of this class uses.
        var far = Zip("82001");
        var near = At(host, $"Near {token}", far.Latitude, far.Longitude, Soon);
        var farCall = OnlineAt(host, $"Far call {token}", Soon.AddHours(1));
        (farCall.Zip, farCall.Latitude, farCall.Longitude) = ("82001", far.Latitude, far.Longitude);
        await SaveAsync(near, farCall);
        var unfiltered = await SearchAsync("zip=82001&miles=10");
        Assert.Equal(new[] { near.Id }, unfiltered.Items.Select(e => e.Id));
        Assert.Equal(1, unfiltered.Total);
        Assert.Single((await SearchAsync("zip=82001&miles=10&online=include")).Items, e => e.Id == farCall.Id);
    }

    [Fact]
    public async Task The_unfiltered_list_near_a_ZIP_pages_as_the_filtered_one_does_and_counts_what_it_lists()
    {
        var host = await HostAsync();
        var token = Token();
        // A ZIP no other test of this class uses, so the unfiltered search sees only these events.
        var o = Zip("59601");
        var events = new List<Event>();
        for (var i = 0; i < 12; i++) events.Add(At(host, $"Tie {i} {token}", o.Latitude, o.Longitude, Soon));
        for (var i = 0; i < 13; i++)
        {
            var (lat, lng) = Toward(o.Latitude, o.Longitude, i * 29, 3 + i * 3.5); // up to 45 miles: inner and edge cells
            events.Add(At(host, $"Around {i} {token}", lat, lng, Soon.AddHours(i % 3)));
        }
        var outside = Toward(o.Latitude, o.Longitude, 90, 51);
        var cancelled = At(host, $"Cancelled {token}", o.Latitude, o.Longitude, Soon);
        cancelled.Status = EventStatus.Cancelled;
        var past = At(host, $"Past {token}", o.Latitude, o.Longitude, DateTimeOffset.UtcNow.AddDays(-2));
        var underWay = At(host, $"Under way {token}", o.Latitude, o.Longitude, DateTimeOffset.UtcNow.AddHours(-1));
        events.Add(underWay);
        await SaveAsync([.. events, At(host, $"Outside {token}", outside.Lat, outside.Lng, Soon), cancelled, past]);

        var unfiltered = new List<EventSummary>();
        var filtered = new List<EventSummary>();
        for (var page = 1; page <= 3; page++)
        {
            var p = await SearchAsync($"zip=59601&miles=50&page={page}&pageSize=10");
            Assert.Equal(26, p.Total);
            unfiltered.AddRange(p.Items);
            // The same list through the general query (a filter every one of these events passes).
            filtered.AddRange((await SearchAsync($"zip=59601&miles=50&q={token}&page={page}&pageSize=10")).Items);
        }
        Assert.Equal(events.Select(e => e.Id).Order(), unfiltered.Select(e => e.Id).Order());
        Assert.Equal(underWay.Id, unfiltered[0].Id);
        Assert.True(unfiltered.Zip(unfiltered.Skip(1)).All(x => x.First.StartsAt <= x.Second.StartsAt), "time order");
        Assert.Equal(filtered.Select(e => e.Id), unfiltered.Select(e => e.Id));
        Assert.Equal(filtered.Select(e => (e.Title, e.StartsAt, e.EndsAt, e.StartsLocal, e.City, e.Zip, e.Miles, e.Counts)),
            unfiltered.Select(e => (e.Title, e.StartsAt, e.EndsAt, e.StartsLocal, e.City, e.Zip, e.Miles, e.Counts)));
        Assert.Empty((await SearchAsync("zip=59601&miles=50&page=4&pageSize=10")).Items);
    }

    [Fact]
    public async Task Past_cancelled_hidden_and_members_only_events_are_never_listed_but_one_under_way_is()
    {
        var host = await HostAsync();
        var token = Token();
        var o = Zip(Origin);
        var listed = At(host, $"Listed {token}", o.Latitude, o.Longitude, Soon);
        var underWay = At(host, $"Under way {token}", o.Latitude, o.Longitude, DateTimeOffset.UtcNow.AddHours(-1));
        var past = At(host, $"Past {token}", o.Latitude, o.Longitude, DateTimeOffset.UtcNow.AddDays(-2));
        var cancelled = At(host, $"Cancelled {token}", o.Latitude, o.Longitude, Soon);
        cancelled.Status = EventStatus.Cancelled;
        var hidden = At(host, $"Hidden {token}", o.Latitude, o.Longitude, Soon);
        hidden.Moderation = ContentModeration.UnderReview;
        var group = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var g = new Grassroots.Features.Groups.Group { Slug = "g-" + token, Name = "Group " + token, NameSkeleton = token, PlaceKey = token, FounderId = host, CreatedAt = DateTimeOffset.UtcNow };
            db.Groups.Add(g);
            await db.SaveChangesAsync();
            return g.Id;
        });
        var members = At(host, $"Members only {token}", o.Latitude, o.Longitude, Soon);
        (members.Visibility, members.GroupId) = (EventVisibility.GroupMembers, group);
        await SaveAsync(listed, underWay, past, cancelled, hidden, members);

        foreach (var q in new[] { $"zip={Origin}&q={token}", $"q={token}", $"zip={Origin}&q={token}&sort=distance" })
        {
            var found = await SearchAsync(q);
            Assert.Equal(new[] { underWay.Id, listed.Id }.Order(), found.Items.Select(e => e.Id).Order());
        }
        var map = (await app.CreateClient().GetFromJsonAsync<MapData>($"/api/events/map?south=39&west=-76&north=41&east=-74&q={token}"))!;
        Assert.Equal(2, map.Total);
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field()
    {
        var client = app.CreateClient();
        foreach (var (query, field) in new[]
        {
            ("zip=00000", "zip"), ("zip=hello", "zip"), ("zip=19107&miles=0", "miles"), ($"zip=19107&miles={EventSearch.MaxMiles + 1}", "miles"),
            ("miles=ten", "miles"), ("from=2030-06-05&to=2030-06-04", "to"), ("from=June", "from"), ("kind=Picnic", "kind"), ("kind=3", "kind"),
            ("sort=distance", "sort"), ("sort=size", "sort"), ("online=maybe", "online"), ("campaign=no-such-campaign", "campaign"),
            ($"q={new string('x', 101)}", "q"), ("page=60&pageSize=20", "page"),
        })
        {
            var errors = await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/events?" + query), HttpStatusCode.BadRequest);
            Assert.True(errors.ContainsKey(field), $"{query}: {string.Join(", ", errors.Keys)}");
        }
        foreach (var (query, field) in new[] { ("west=-76&north=41&east=-74", "south"), ("south=41&west=-76&north=39&east=-74", "north"),
            ("south=39&west=-76&north=41&east=-74&zoom=99", "zoom"), ("south=39&west=-76&north=41&east=-74&kind=Picnic", "kind"), ("south=NaN&west=-76&north=41&east=-74", "south") })
        {
            var errors = await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/events/map?" + query), HttpStatusCode.BadRequest);
            Assert.True(errors.ContainsKey(field), $"{query}: {string.Join(", ", errors.Keys)}");
        }
    }

    [Fact]
    public async Task The_map_counts_every_event_in_view_in_clusters_and_sends_few_one_by_one()
    {
        var host = await HostAsync();
        var token = Token();
        var rng = new Random(14);
        // 800 events (more than the map sends one by one) scattered over 39–42° N, 72–78° W.
        var events = Enumerable.Range(0, 800).Select(i => At(host, $"Map {i} {token}", 39 + rng.NextDouble() * 3, -78 + rng.NextDouble() * 6, Soon.AddMinutes(i))).ToArray();
        await SaveAsync(events);
        var client = app.CreateClient();

        var (s, w, n, e) = (39.3, -77.6, 41.7, -72.9);
        var inView = events.Count(x => x.Latitude >= s && x.Latitude <= n && x.Longitude >= w && x.Longitude <= e);
        var response = await client.GetAsync($"/api/events/map?south={s}&west={w}&north={n}&east={e}&zoom=6&q={token}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("public", response.Headers.CacheControl?.ToString());
        var map = (await response.Content.ReadFromJsonAsync<MapData>())!;
        Assert.True(inView > EventMap.MaxPoints, $"{inView} in view");
        Assert.Equal(inView, map.Total);
        Assert.Equal(inView, map.Clusters.Sum(c => c.Count));
        Assert.True(map.Clusters.Count > 1);
        Assert.All(map.Clusters, c => Assert.InRange(c.Lat, s, n));

        // A small viewport: the events themselves, with what a popup needs.
        var (s2, w2, n2, e2) = (40.0, -75.5, 40.6, -74.5);
        var few = events.Where(x => x.Latitude >= s2 && x.Latitude <= n2 && x.Longitude >= w2 && x.Longitude <= e2).Select(x => x.Id).Order().ToList();
        var small = (await client.GetFromJsonAsync<MapData>($"/api/events/map?south={s2}&west={w2}&north={n2}&east={e2}&zoom=10&q={token}"))!;
        Assert.Equal(few, small.Events.Select(x => x.Id).Order());
        Assert.All(small.Events, x => Assert.False(string.IsNullOrEmpty(x.Slug)));

        // The whole world, the world several times over, across the antimeridian, past the poles: answers, never a 500.
        Assert.Equal(800, (await client.GetFromJsonAsync<MapData>($"/api/events/map?south=-90&west=-180&north=90&east=180&zoom=0&q={token}"))!.Total);
        Assert.Equal(800, (await client.GetFromJsonAsync<MapData>($"/api/events/map?south=-95&west=-1000&north=95&east=1000&q={token}"))!.Total);
        Assert.Equal(800, (await client.GetFromJsonAsync<MapData>($"/api/events/map?south=0&west=-440&north=60&east=-410&zoom=3&q={token}"))!.Total); // -80..-50 one world west
        Assert.Equal(0, (await client.GetFromJsonAsync<MapData>($"/api/events/map?south=-50&west=170&north=70&east=190&zoom=3&q={token}"))!.Total);
        Assert.Equal(800, (await client.GetFromJsonAsync<MapData>($"/api/events/map?south=30&west=100&north=50&east=290&zoom=2&q={token}"))!.Total); // 100 E to 70 W across 180
    }

    [Fact]
    public async Task The_unfiltered_map_from_memory_counts_exactly_what_SQL_counts()
    {
        var host = await HostAsync();
        var token = Token();
        var rng = new Random(7);
        // 600 listed events on 40 points (events sit at ZIP centroids) and some the map must leave out.
        var points = Enumerable.Range(0, 40).Select(_ => (Lat: 35 + rng.NextDouble() * 3, Lng: -90 + rng.NextDouble() * 4)).ToArray();
        var listed = Enumerable.Range(0, 600).Select(i => At(host, $"Counted {i} {token}", points[i % 40].Lat, points[i % 40].Lng, Soon.AddMinutes(i))).ToList();
        var past = At(host, $"Past {token}", points[0].Lat, points[0].Lng, DateTimeOffset.UtcNow.AddDays(-3));
        var cancelled = At(host, $"Cancelled {token}", points[1].Lat, points[1].Lng, Soon);
        cancelled.Status = EventStatus.Cancelled;
        var hidden = At(host, $"Hidden {token}", points[2].Lat, points[2].Lng, Soon);
        hidden.Moderation = ContentModeration.UnderReview;
        var online = At(host, $"Online with a ZIP {token}", points[3].Lat, points[3].Lng, Soon);
        (online.Online, online.OnlineUrl) = (true, "https://example.org/call");
        await SaveAsync([.. listed, past, cancelled, hidden, online]);

        var views = new[] { new MapQuery { South = "34.5", West = "-90.5", North = "38.5", East = "-85.5", Zoom = "6" },
            new MapQuery { South = "35.7", West = "-89.1", North = "37.2", East = "-86.9", Zoom = "7" },
            new MapQuery { South = "-90", West = "-180", North = "90", East = "180", Zoom = "0" } };
        foreach (var view in views)
        {
            var (counted, sql) = await app.WithScopeAsync(async sp =>
            {
                var map = sp.GetRequiredService<EventMap>();
                return ((await map.ReadAsync(view, new EventQuery(), default)).Data!, (await map.ReadAsync(view, new EventQuery(), default, fromCounts: false)).Data!);
            });
            Assert.Equal(sql.Total, counted.Total);
            Assert.Equal(sql.Clusters.Select(c => (c.Count, Math.Round(c.Lat, 2), Math.Round(c.Lng, 2))).Order(),
                counted.Clusters.Select(c => (c.Count, Math.Round(c.Lat, 2), Math.Round(c.Lng, 2))).Order());
        }
        var mine = listed.Count(e => e.Latitude >= 35.7 && e.Latitude <= 37.2 && e.Longitude >= -89.1 && e.Longitude <= -86.9);
        var before = (await app.CreateClient().GetFromJsonAsync<MapData>("/api/events/map?south=35.7&west=-89.1&north=37.2&east=-86.9&zoom=7"))!.Total;
        Assert.True(before >= mine, $"{before} < {mine}");
        // A new event is counted on the next request (the tests count afresh every time: Events:MapCountsSeconds = 0).
        var inside = points.First(p => p.Lat >= 35.7 && p.Lat <= 37.2 && p.Lng >= -89.1 && p.Lng <= -86.9);
        await SaveAsync(At(host, $"One more {token}", inside.Lat, inside.Lng, Soon));
        Assert.Equal(before + 1, (await app.CreateClient().GetFromJsonAsync<MapData>("/api/events/map?south=35.7&west=-89.1&north=37.2&east=-86.9&zoom=7"))!.Total);
    }

    [Fact]
    public async Task Only_the_embed_page_may_be_framed()
    {
        var host = await HostAsync();
        var token = Token();
        var o = Zip(Origin);
        var party = At(host, $"Embedded {token}", o.Latitude, o.Longitude, Soon);
        await SaveAsync(party);
        var client = app.CreateClient();
        var embed = await client.GetAsync($"/events/embed?zip={Origin}&q={token}");
        Assert.Equal(HttpStatusCode.OK, embed.StatusCode);
        var csp = string.Join(" ", embed.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors *", csp);
        Assert.False(embed.Headers.Contains("X-Frame-Options"));
        // Links open our event page in a new tab, not inside the partner's frame.
        var html = await embed.Content.ReadAsStringAsync();
        Assert.Matches($"<a [^>]*href=\"[^\"]*/events/{party.Slug}\"[^>]*target=\"_blank\"[^>]*rel=\"noopener\"", html);

        foreach (var path in new[] { "/events", "/events?zip=19107", "/groups", "/" })
        {
            var page = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("frame-ancestors 'none'", string.Join(" ", page.Headers.GetValues("Content-Security-Policy")));
            Assert.Equal("DENY", string.Join("", page.Headers.GetValues("X-Frame-Options")));
        }
    }
}

public sealed class EventSearchTests_Sqlite(SqliteApp app) : EventSearchTests(app), IClassFixture<SqliteApp>;
public sealed class EventSearchTests_Postgres(PostgresApp app) : EventSearchTests(app), IClassFixture<PostgresApp>;
