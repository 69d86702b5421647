using Grassroots.Features.Fund;
using Grassroots.Features.Fund.Ledger;
using Grassroots.Features.Fund.Payments;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Infrastructure.Data;

/// <summary>The tables of the central fund, declared by the feature that owns them.</summary>
public abstract partial class AppDbContext
{
    public DbSet<TestCharge> TestCharges => Set<TestCharge>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<LedgerLine> LedgerLines => Set<LedgerLine>();
    public DbSet<BalanceCheckpoint> BalanceCheckpoints => Set<BalanceCheckpoint>();
    public DbSet<Gift> Gifts => Set<Gift>();
    public DbSet<GiftSplit> GiftSplits => Set<GiftSplit>();
    public DbSet<GiftRefund> GiftRefunds => Set<GiftRefund>();
    public DbSet<DonorTotal> DonorTotals => Set<DonorTotal>();
    public DbSet<Grassroots.Features.Fund.Monthly.MonthlyGift> MonthlyGifts => Set<Grassroots.Features.Fund.Monthly.MonthlyGift>();
    public DbSet<Grassroots.Features.Fund.Allocation.AllocationRun> AllocationRuns => Set<Grassroots.Features.Fund.Allocation.AllocationRun>();
}
