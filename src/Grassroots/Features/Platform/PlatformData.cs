using Grassroots.Features.Platform;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Infrastructure.Data;

/// <summary>The tables of the platform, declared by the feature that owns them.</summary>
public abstract partial class AppDbContext
{
    public DbSet<PlatformDocument> PlatformDocuments => Set<PlatformDocument>();
    public DbSet<DocumentFacilitator> DocumentFacilitators => Set<DocumentFacilitator>();
    public DbSet<FacilitatorInvitation> FacilitatorInvitations => Set<FacilitatorInvitation>();
    public DbSet<PlatformVersion> PlatformVersions => Set<PlatformVersion>();
    public DbSet<PlatformSection> PlatformSections => Set<PlatformSection>();
    public DbSet<PlatformPlank> PlatformPlanks => Set<PlatformPlank>();
    public DbSet<Amendment> Amendments => Set<Amendment>();
    public DbSet<AmendmentRevision> AmendmentRevisions => Set<AmendmentRevision>();
    public DbSet<AmendmentCosign> AmendmentCosigns => Set<AmendmentCosign>();
    public DbSet<AmendmentComment> AmendmentComments => Set<AmendmentComment>();
    public DbSet<FacilitatorAction> FacilitatorLog => Set<FacilitatorAction>();
}
