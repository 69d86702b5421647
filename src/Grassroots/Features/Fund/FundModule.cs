using Grassroots.Features.Fund.Ledger;
using Grassroots.Features.Fund.Payments;

namespace Grassroots.Features.Fund;

/// <summary>The central fund: gifts, the processor, the double-entry books, refunds and reports. Everything the feature adds to the host is registered here.</summary>
public static class FundModule
{
    public static IHostApplicationBuilder AddFund(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<FundOptions>(builder.Configuration.GetSection(FundOptions.Section));
        builder.Services
            // The test processor is the only one there is: a real one's adapter registers itself here instead.
            .AddSingleton<IPaymentProcessor, TestProcessor>()
            .AddScoped<Books>()
            .AddScoped<Treasurers>()
            .AddScoped<Settling>()
            .AddScoped<Giving>()
            .AddScoped<Refunding>()
            .AddScoped<FundReports>()
            .AddScoped<ItemizedReceipts>()
            .AddScoped<Members.IAccountDeletionStep, LeavingFund>()
            .AddScoped<Members.IPersonalData, FundPersonalData>()
            .AddScoped<Allocation.Allocating>()
            .AddSingleton<Allocation.AllocationSchedule>()
            .AddHostedService(sp => sp.GetRequiredService<Allocation.AllocationSchedule>())
            .AddScoped<Monthly.MonthlyGifts>()
            .AddScoped<Monthly.MonthlyCharging>()
            .AddScoped<Monthly.MonthlyNotices>()
            .AddSingleton<Monthly.MonthlyRun>()
            .AddHostedService(sp => sp.GetRequiredService<Monthly.MonthlyRun>())
            .AddSingleton<FundCounts>()
            .AddHostedService(sp => sp.GetRequiredService<FundCounts>())
            .AddSingleton<BalanceCheckpoints>()
            .AddHostedService(sp => sp.GetRequiredService<BalanceCheckpoints>())
            .AddSingleton<GiftRecovery>()
            .AddHostedService(sp => sp.GetRequiredService<GiftRecovery>());
        return builder;
    }

    public static IEndpointRouteBuilder MapFund(this IEndpointRouteBuilder app) => app.MapFundApi();
}
