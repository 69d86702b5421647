using Grassroots.Features.Platform;

namespace Grassroots.Tests.Features.Platform;

/// <summary>The pure text work of drafting: splitting an imported platform, word diffs, passages, three-way merges.</summary>
public sealed class PlatformTextTests
{
    [Fact]
    public void A_platform_text_splits_into_sections_and_planks_keeping_the_authors_markdown()
    {
        var parsed = PlatformImport.Split("""
            # The People's Platform

            What we stand for.

            ## Economy

            ### Living wage

            A **$15** minimum wage.

            - indexed to inflation
            - for tipped workers too

            ### Jobs

            A federal jobs guarantee.

            ## Democracy

            Overturn *Citizens United*.

            Automatic voter registration.
            """);
        Assert.Equal("The People's Platform", parsed.Title);
        Assert.Equal("What we stand for.", parsed.Summary);
        Assert.Equal(["Economy", "Democracy"], parsed.Sections.Select(s => s.Title));
        var wage = parsed.Sections[0].Planks[0];
        Assert.Equal("Living wage", wage.Title);
        Assert.Equal("A **$15** minimum wage.\n\n- indexed to inflation\n- for tipped workers too", wage.Body);
        // A section without "###" gets a plank per paragraph.
        Assert.Equal(["Overturn *Citizens United*.", "Automatic voter registration."], parsed.Sections[1].Planks.Select(p => p.Body));
        Assert.Equal(4, parsed.Planks);
    }

    [Fact]
    public void Text_with_no_headings_is_one_section_with_a_plank_per_paragraph()
    {
        var parsed = PlatformImport.Split("Medicare for all.\r\n\r\nFree public college.");
        var section = Assert.Single(parsed.Sections);
        Assert.Equal(["Medicare for all.", "Free public college."], section.Planks.Select(p => p.Body));
    }

    [Fact]
    public void The_word_diff_shows_what_is_put_in_and_taken_out_and_joins_back_into_both_texts()
    {
        var before = "A $15 minimum wage for all workers.";
        var after = "A $20 minimum wage for all workers, indexed to inflation.";
        var diff = PlatformText.Diff(before, after);
        Assert.Contains(diff, p => p.Kind == DiffKind.Deleted && p.Text.Contains("$15"));
        Assert.Contains(diff, p => p.Kind == DiffKind.Inserted && p.Text.Contains("$20"));
        Assert.Equal(before, string.Concat(diff.Where(p => p.Kind != DiffKind.Inserted).Select(p => p.Text)));
        Assert.Equal(after, string.Concat(diff.Where(p => p.Kind != DiffKind.Deleted).Select(p => p.Text)));
    }

    [Fact]
    public void Punctuation_is_a_piece_of_its_own_so_a_full_stop_added_is_not_a_word_changed()
    {
        var diff = PlatformText.Diff("Treinta días de permiso", "Treinta días. De permiso");
        Assert.Equal([(DiffKind.Same, "Treinta días"), (DiffKind.Inserted, "."), (DiffKind.Same, " "), (DiffKind.Deleted, "de"), (DiffKind.Inserted, "De"), (DiffKind.Same, " permiso")],
            diff.Select(p => (p.Kind, p.Text)));
        // Words keep their inner apostrophes, hyphens, digit groups and a leading currency sign.
        var kept = PlatformText.Diff("We don't want 1,000 energy-efficient homes for $15, we want more.", "We don't want 1,000 energy-efficient homes for $15; we want more.");
        Assert.Equal([(DiffKind.Deleted, ","), (DiffKind.Inserted, ";")], kept.Where(p => p.Kind != DiffKind.Same).Select(p => (p.Kind, p.Text)));
    }

    [Fact]
    public void When_most_words_change_the_diff_is_the_old_text_out_whole_and_the_new_one_in_whole()
    {
        var before = "Raise the federal minimum wage to fifteen dollars an hour.";
        var after = "Guarantee every worker a job at a living wage, paid by the federal government.";
        var diff = PlatformText.Diff(before, after);
        Assert.True(PlatformText.IsWhole(diff));
        Assert.Equal([(DiffKind.Deleted, before), (DiffKind.Inserted, after)], diff.Select(p => (p.Kind, p.Text)));
        // A few words changed stay a word diff.
        Assert.False(PlatformText.IsWhole(PlatformText.Diff(before, "Raise the federal minimum wage to twenty dollars an hour.")));
    }

    [Theory]
    [InlineData("A living wage for all.", 40, "A living wage for all.")]
    [InlineData("A living wage for all workers, now.", 30, "A living wage for all workers…")]
    [InlineData("A living wage, for everyone", 15, "A living wage…")]
    [InlineData("Supercalifragilistic", 10, "Supercali…")]
    public void A_text_is_shortened_between_words_never_inside_one(string text, int max, string expected)
    {
        Assert.Equal(expected, Grassroots.Infrastructure.Text.Echo.AtWord(text, max));
        Assert.True(expected.Length <= max);
    }

    [Fact]
    public void A_new_plank_reads_as_its_title_and_text_without_the_markdown_heading()
    {
        Assert.Equal("Green housing\n\nBuild homes.", PlatformText.NewPlankAsRead("### Green housing\r\n\r\nBuild homes."));
        Assert.Equal("Build homes.", PlatformText.NewPlankAsRead("Build homes."));
        var diff = Assert.Single(Amending.DiffOf(AmendmentKind.AddPlank, "The plank after which it goes.", "### Green housing\n\nBuild homes."));
        Assert.Equal((DiffKind.Inserted, "Green housing\n\nBuild homes."), (diff.Kind, diff.Text));
    }

    [Fact]
    public void Passages_overlap_when_two_edits_touch_the_same_words_and_merge_when_they_do_not()
    {
        var plank = "Raise the minimum wage to $15 and end tipped wages for all workers.";
        var first = "Raise the minimum wage to $20 and end tipped wages for all workers.";
        var other = "Raise the minimum wage to $18 and end tipped wages for all workers.";
        var far = "Raise the minimum wage to $15 and end tipped wages for every worker.";
        Assert.True(PlatformText.Overlap(PlatformText.Passage(plank, first), PlatformText.Passage(plank, other)));
        Assert.False(PlatformText.Overlap(PlatformText.Passage(plank, first), PlatformText.Passage(plank, far)));
        Assert.Equal("Raise the minimum wage to $20 and end tipped wages for every worker.", PlatformText.Merge(plank, [first, far]));
        Assert.Null(PlatformText.Merge(plank, [first, other]));
    }

    [Fact]
    public void The_ballot_threshold_is_a_share_of_the_movement_with_a_floor()
    {
        Assert.Equal(10, PlatformRules.BallotThreshold(10, 10, 50));
        Assert.Equal(10_000, PlatformRules.BallotThreshold(10, 10, 1_000_000));
        Assert.Equal(1, PlatformRules.BallotThreshold(1, 1, 1));
        Assert.Equal(int.MaxValue, PlatformRules.BallotThreshold(1000, 1, long.MaxValue / 2000));
    }
}

/// <summary>A Word document read into Markdown: headings by style, lists, bold and italic runs.</summary>
public sealed class DocxImportTests
{
    // A hostile member's preview must not take a core for minutes: both paths were quadratic (a 120,000-character
    // text without headings took 30 s; 40,000 list paragraphs in an 8 KB .docx took 25 s). Linear, they take well under a
    // second here; the bound is loose so a loaded machine does not fail it, and tight enough that quadratic would.
    [Fact]
    public void A_long_text_without_headings_and_a_docx_of_many_list_items_read_in_linear_time()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var parsed = PlatformImport.Split("# T\n\n" + string.Concat(Enumerable.Repeat("a\n\n", 200_000)));
        Assert.Equal(200_000, Assert.Single(parsed.Sections).Planks.Count);
        var markdown = PlatformImport.DocxToMarkdown(new MemoryStream(Docx([("Title", "T", false), .. Enumerable.Repeat(("ListParagraph", "a", false), 40_000)])))!;
        Assert.Equal(40_000, markdown.Split('\n').Count(line => line == "- a"));
        // 4 s on a quiet machine, 24 s on a loaded one; the quadratic reading took about 13 minutes for this text alone.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(60), $"{started.Elapsed.TotalSeconds:F1} s");
    }

    internal static byte[] Docx(params (string Style, string Text, bool Bold)[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            var body = new DocumentFormat.OpenXml.Wordprocessing.Body();
            foreach (var (style, text, bold) in paragraphs)
            {
                var run = new DocumentFormat.OpenXml.Wordprocessing.Run(new DocumentFormat.OpenXml.Wordprocessing.Text(text) { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve });
                if (bold) run.RunProperties = new DocumentFormat.OpenXml.Wordprocessing.RunProperties(new DocumentFormat.OpenXml.Wordprocessing.Bold());
                var p = new DocumentFormat.OpenXml.Wordprocessing.Paragraph(run);
                if (style.Length > 0) p.ParagraphProperties = new DocumentFormat.OpenXml.Wordprocessing.ParagraphProperties(new DocumentFormat.OpenXml.Wordprocessing.ParagraphStyleId { Val = style });
                body.Append(p);
            }
            main.Document = new DocumentFormat.OpenXml.Wordprocessing.Document(body);
        }
        return stream.ToArray();
    }

    [Fact]
    public void Headings_lists_and_emphasis_become_markdown_that_splits_into_planks()
    {
        var docx = Docx(("Title", "Our Platform", false), ("Heading2", "Health", false), ("Heading3", "Medicare for all", false),
            ("", "Single payer ", false), ("", "now", true), ("ListParagraph", "dental", false), ("ListParagraph", "vision", false));
        var md = PlatformImport.DocxToMarkdown(new MemoryStream(docx))!;
        var parsed = PlatformImport.Split(md);
        Assert.Equal("Our Platform", parsed.Title);
        var plank = Assert.Single(Assert.Single(parsed.Sections).Planks);
        Assert.Equal("Medicare for all", plank.Title);
        Assert.Equal("Single payer\n\n**now**\n\n- dental\n- vision", plank.Body);
    }

    [Fact]
    public void A_file_that_is_not_a_docx_is_null_not_an_exception()
    {
        Assert.Null(PlatformImport.DocxToMarkdown(new MemoryStream("not a zip"u8.ToArray())));
        Assert.Null(PlatformImport.DocxToMarkdown(new MemoryStream([])));
    }
}
