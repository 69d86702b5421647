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
}
