using Grassroots.Opinion.Polis;
using Microsoft.AspNetCore.Http.Features;

namespace Grassroots.Features.Conversations;

/// <summary>
/// An uploaded Pol.is export as the API and the import page receive it, read and checked: a multipart form with the
/// files in the fields "comments", "votes" and, when there, "participantsVotes" and "summary", plus "topic",
/// "description" and "documentId". The body is capped by <see cref="ConversationsOptions.ImportMaxBytes"/>.
/// <see cref="Conversation"/> is the export, or <see cref="Errors"/> what is wrong with the upload, or the first thing
/// wrong in each of its files.
/// </summary>
public sealed record PolisUpload(PolisImportInput Input, PolisConversation? Conversation, IReadOnlyList<PolisImportError> Errors)
{
    public static async Task<PolisUpload> ReadAsync(HttpContext http, PolisImport import, CancellationToken ct)
    {
        var maxBytes = import.MaxUploadBytes;
        var none = new PolisImportInput(null, null, null);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = maxBytes;
        if (!http.Request.HasFormContentType) return new(none, null, [Missing(import, PolisReader.CommentsFile)]);
        // A page's antiforgery check may have read the form already (under the page's own limits); otherwise read it under ours.
        if (http.Features.Get<IFormFeature>() is not { Form: not null })
            http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = maxBytes }));
        IFormCollection form;
        try
        {
            if (http.Request.ContentLength > maxBytes) throw new BadHttpRequestException("", StatusCodes.Status413PayloadTooLarge);
            form = await http.Request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            // Over the cap, or not a whole multipart body (cut short, no boundary): say which.
            return new(none, null, [new PolisImportError("comments", "", null, null,
                e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } ? import.TooLarge() : import.Unreadable())]);
        }
        var input = new PolisImportInput(form["topic"], form["description"], Guid.TryParse(form["documentId"], out var d) ? d : null);
        var missing = new[] { PolisReader.CommentsFile, PolisReader.VotesFile }
            .Where(required => form.Files.GetFile(PolisImport.Fields[required]) is not { Length: > 0 }).Select(required => Missing(import, required)).ToList();
        if (missing.Count > 0) return new(input, null, missing);
        await using var comments = Open(PolisReader.CommentsFile)!;
        await using var votes = Open(PolisReader.VotesFile)!;
        await using var participants = Open(PolisReader.ParticipantsVotesFile);
        await using var summary = Open(PolisReader.SummaryFile);
        var (conversation, errors) = await import.ReadAsync(new PolisExportFiles(comments, votes, participants, summary), ct);
        return new(input, conversation, errors);

        Stream? Open(string file) => form.Files.GetFile(PolisImport.Fields[file]) is { Length: > 0 } f ? f.OpenReadStream() : null;
    }

    private static PolisImportError Missing(PolisImport import, string file) =>
        import.Translate(new PolisFormatError(file, null, null, PolisMessages.MissingFile, [file]));
}
