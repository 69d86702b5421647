using BenchmarkDotNet.Running;
using Grassroots.Benchmarks;

// dotnet run -c Release --project bench/Grassroots.Benchmarks -- percentiles [Sqlite|Postgres] [iterations]
// dotnet run -c Release --project bench/Grassroots.Benchmarks -- projects [Sqlite|Postgres] [iterations]
// dotnet run -c Release --project bench/Grassroots.Benchmarks -- seed [Sqlite|Postgres]
// dotnet run -c Release --project bench/Grassroots.Benchmarks -- spatial [Sqlite|Postgres] [iterations] [max seconds per query]
// dotnet run -c Release --project bench/Grassroots.Benchmarks -- events [Sqlite|Postgres] [iterations] [only cases whose name contains this]   (events-seed: only make the database)
// dotnet run -c Release --project bench/Grassroots.Benchmarks -- events-parts [Sqlite|Postgres] [iterations] [miles]   (the search statement by statement)
// dotnet run -c Release --project bench/Grassroots.Benchmarks -- rsvp-seed|rsvp-setup|rsvp-check|rsvp-raw-inserts …   (bench/rsvps.sh, bench/house-party.sh)
// dotnet run -c Release --project bench/Grassroots.Benchmarks -- vote-seed|vote-setup|vote-check|cosign-check|vote-raw-inserts|cosign-raw-inserts …   (bench/votes.sh)
// dotnet run -c Release --project bench/Grassroots.Benchmarks -- opinion [10k] [100k] [1m]   (the opinion map's recompute, sparse against dense)
// dotnet run -c Release --project bench/Grassroots.Benchmarks -- opinion-polis DIR   (the map's groups against Pol.is' own, DIR holding openData-style folders)
// dotnet run -c Release --project bench/Grassroots.Benchmarks -- next-statement [Sqlite|Postgres] [iterations]   (the next statement to vote on, 2,000 statements)
// dotnet run -c Release --project bench/Grassroots.Benchmarks -- gift-seed|gift-setup|gift-check|gift-raw-inserts …   (bench/gifts.sh)
// dotnet run -c Release --project bench/Grassroots.Benchmarks -- ballot-seed|ballot-setup|ballot-check|ballot-raw-inserts|ballot-hall …   (bench/ballots.sh)
// dotnet run -c Release --project bench/Grassroots.Benchmarks -- ledger [Sqlite|Postgres] [iterations]   (6,000,000 gifts: a candidate's balance and itemized page)
// dotnet run -c Release --project bench/Grassroots.Benchmarks -- monthly-seed|monthly-check|monthly-raw-inserts …   (bench/monthly.sh)
// anything else goes to BenchmarkDotNet (e.g. --filter *Directory*).
if (args is ["opinion", .. var opinionSizes])
{
    await OpinionBench.RunAsync(opinionSizes, Console.Out);
    return;
}
if (args is ["monthly-seed", var monthlyDb, var monthlyCount])
{
    await MonthlyLoad.SeedAsync(monthlyDb, int.Parse(monthlyCount));
    return;
}
if (args is ["monthly-check", var monthlyCheckDb])
{
    await MonthlyLoad.CheckAsync(monthlyCheckDb);
    return;
}
if (args is ["monthly-raw-inserts", var monthlyRawDb, var monthlyRawSecs, var monthlyRawConns])
{
    await MonthlyLoad.RawInsertsAsync(monthlyRawDb, int.Parse(monthlyRawSecs), int.Parse(monthlyRawConns));
    return;
}
if (args is ["ledger", var ledgerDb, ..])
{
    await LedgerBench.RunAsync(ledgerDb, args.Length > 2 ? int.Parse(args[2]) : 500, Console.Out);
    return;
}
if (args is ["next-statement", var nextDb, ..])
{
    await NextStatementBench.RunAsync(nextDb, args.Length > 2 ? int.Parse(args[2]) : 2000, Console.Out);
    return;
}
if (args is ["opinion-polis", var polisRoot])
{
    OpinionAgainstPolis.Run(polisRoot, Console.Out);
    return;
}
if (args is ["opinion-one", var opinionSize, var opinionVariant])
{
    OpinionBench.RunOne(opinionSize, opinionVariant, Console.Out);
    return;
}
if (args is ["percentiles", var provider, ..])
{
    var iterations = args.Length > 2 ? int.Parse(args[2]) : 2000;
    await Percentiles.RunAsync(provider, iterations, Console.Out);
    return;
}
if (args is ["spatial", var spatialDb, ..])
{
    await SpatialIndex.RunAsync(spatialDb, args.Length > 2 ? int.Parse(args[2]) : 3000, args.Length > 3 ? double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 8, Console.Out);
    return;
}
if (args is ["events", var eventsDb, ..])
{
    await EventSearchBench.RunAsync(eventsDb, args.Length > 2 ? int.Parse(args[2]) : 2000, Console.Out, args.Length > 3 ? args[3] : null);
    return;
}
if (args is ["events-parts", var partsDb, ..])
{
    await EventSearchBench.PartsAsync(partsDb, args.Length > 2 ? int.Parse(args[2]) : 500, args.Length > 3 ? args[3] : "50", Console.Out);
    return;
}
if (args is ["events-seed", var eventsSeedDb])
{
    await EventSearchBench.EnsureAsync(eventsSeedDb);
    return;
}
if (args is ["projects", var which, ..])
{
    await ProjectSearches.RunAsync(which, args.Length > 2 ? int.Parse(args[2]) : 500, Console.Out);
    return;
}
if (args is ["pledge-setup", var setupDb, var url, var n, var lua])
{
    await PledgeLoad.SetupAsync(setupDb, url, int.Parse(n), lua);
    return;
}
if (args is ["pledge-check", var checkDb, var project])
{
    await PledgeLoad.CheckAsync(checkDb, Guid.Parse(project));
    return;
}
if (args is ["raw-inserts", var rawDb, var secs, var conc])
{
    await PledgeLoad.RawInsertsAsync(rawDb, int.Parse(secs), int.Parse(conc));
    return;
}
if (args is ["rsvp-seed", var rsvpDb])
{
    await RsvpLoad.EnsureAsync(rsvpDb);
    return;
}
if (args is ["rsvp-setup", var rsvpSetupDb, var rsvpUrl, var rsvpMembers, var rsvpEvents, var rsvpCapacity, var rsvpTag, var rsvpLua])
{
    await RsvpLoad.SetupAsync(rsvpSetupDb, rsvpUrl, int.Parse(rsvpMembers), int.Parse(rsvpEvents), rsvpCapacity, rsvpTag, rsvpLua);
    return;
}
if (args is ["rsvp-check", var rsvpCheckDb, var rsvpCheckTag, var rsvpPrefix])
{
    await RsvpLoad.CheckAsync(rsvpCheckDb, rsvpCheckTag, rsvpPrefix);
    return;
}
if (args is ["rsvp-raw-inserts", var rsvpRawDb, var rsvpSecs, var rsvpConc])
{
    await RsvpLoad.RawInsertsAsync(rsvpRawDb, int.Parse(rsvpSecs), int.Parse(rsvpConc));
    return;
}
if (args is ["gift-seed", var giftDb])
{
    await GiftLoad.EnsureAsync(giftDb);
    return;
}
if (args is ["gift-setup", var gsDb, var gsUrl, var gsMembers, var gsTag, var gsTokens, var gsLua])
{
    await GiftLoad.SetupAsync(gsDb, gsUrl, int.Parse(gsMembers), gsTag, gsTokens, gsLua);
    return;
}
if (args is ["gift-check", var gcDb])
{
    await GiftLoad.CheckAsync(gcDb);
    return;
}
if (args is ["gift-raw-inserts", var grDb, var grSecs, var grConc])
{
    await GiftLoad.RawInsertsAsync(grDb, int.Parse(grSecs), int.Parse(grConc));
    return;
}
if (args is ["ballot-seed", var ballotDb])
{
    await BallotLoad.EnsureAsync(ballotDb);
    return;
}
if (args is ["ballot-setup", var bsDb, var bsUrl, var bsDelegates, var bsData, var bsTag, var bsTokens, var bsLua])
{
    await BallotLoad.SetupAsync(bsDb, bsUrl, int.Parse(bsDelegates), bsData, bsTag, bsTokens, bsLua);
    return;
}
if (args is ["ballot-check", var bcDb, var bcMotion])
{
    await BallotLoad.CheckAsync(bcDb, Guid.Parse(bcMotion));
    return;
}
if (args is ["ballot-raw-inserts", var brDb, var brSecs, var brConc])
{
    await BallotLoad.RawInsertsAsync(brDb, int.Parse(brSecs), int.Parse(brConc));
    return;
}
if (args is ["ballot-hall", var bhDb, var bhUrl, var bhDelegates, var bhData, var bhTag])
{
    await BallotLoad.HallAsync(bhDb, bhUrl, int.Parse(bhDelegates), bhData, bhTag);
    return;
}
if (args is ["vote-seed", var voteDb])
{
    await VoteLoad.EnsureAsync(voteDb);
    return;
}
if (args is ["vote-setup", var voteSetupDb, var voteUrl, var voteMembers, var voteStatements, var voteThreshold, var voteConvs, var voteAmends, var voteWarmConvs, var voteWarmAmends, var voteTag, var voteLua])
{
    await VoteLoad.SetupAsync(voteSetupDb, voteUrl, int.Parse(voteMembers), int.Parse(voteStatements), int.Parse(voteThreshold),
        int.Parse(voteConvs), int.Parse(voteAmends), int.Parse(voteWarmConvs), int.Parse(voteWarmAmends), voteTag, voteLua);
    return;
}
if (args is ["vote-check", var voteCheckDb, var voteCheckTag, var voteCheckPhase])
{
    await VoteLoad.CheckVotesAsync(voteCheckDb, voteCheckTag, voteCheckPhase);
    return;
}
if (args is ["cosign-check", var cosignCheckDb, var cosignCheckTag, var cosignCheckPhase])
{
    await VoteLoad.CheckCosignsAsync(cosignCheckDb, cosignCheckTag, cosignCheckPhase);
    return;
}
if (args is ["vote-raw-inserts", var voteRawDb, var voteRawTag, var voteRawSecs, var voteRawConc])
{
    await VoteLoad.RawVotesAsync(voteRawDb, voteRawTag, int.Parse(voteRawSecs), int.Parse(voteRawConc));
    return;
}
if (args is ["cosign-raw-inserts", var cosignRawDb, var cosignRawTag, var cosignRawSecs, var cosignRawConc])
{
    await VoteLoad.RawCosignsAsync(cosignRawDb, cosignRawTag, int.Parse(cosignRawSecs), int.Parse(cosignRawConc));
    return;
}
if (args is ["seed", var p])
{
    await BenchDatabase.EnsureAsync(p, DirectorySearch.ZipTable);
    Console.WriteLine(p == "Sqlite" ? BenchDatabase.SqlitePath : "grassroots_bench");
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(DirectoryBenchmarks).Assembly).Run(args);
