using Grassroots.Opinion.Polis;
using Microsoft.AspNetCore.Http.Features;

namespace Grassroots.Features.Conversations;

/// <summary>
/// An uploaded Pol.is export as the API and the import page receive it: a multipart form with the files in the
/// fields "comments", "votes" and, when there, "participantsVotes" and "summary", plus "topic", "description" and
/// "documentId". The body is capped by <see cref="ConversationsOptions.ImportMaxBytes"/>.
/// </summary>
public sealed class PolisUpload : IAsyncDisposable
{
    private readonly List<Stream> _open = [];

    public PolisExportFiles? Files { get; private set; }
    public PolisImportInput Input { get; private set; } = new(null, null, null);
    /// <summary>Set when the upload is not a usable export: what is missing, or the body is over the cap.</summary>
    public PolisImportError? Error { get; private set; }

    public static async Task<PolisUpload> ReadAsync(HttpContext http, PolisImport import, long maxBytes, CancellationToken ct)
    {
        var upload = new PolisUpload();
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = maxBytes;
        var tooLarge = http.Request.ContentLength > maxBytes;
        if (!http.Request.HasFormContentType)
        {
            upload.Error = Missing(import, PolisReader.CommentsFile);
            return upload;
        }
        // A page's antiforgery check may have read the form already (under the page's own limits); otherwise read it under ours.
        if (http.Features.Get<IFormFeature>() is not { Form: not null })
            http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = maxBytes }));
        IFormCollection form;
        try
        {
            if (tooLarge) throw new InvalidDataException();
            form = await http.Request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            // Over the cap, or not a whole multipart body (cut short, no boundary): say which.
            upload.Error = new PolisImportError("comments", "", null, null,
                tooLarge || e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } ? import.TooLarge(maxBytes) : import.Unreadable());
            return upload;
        }
        upload.Input = new PolisImportInput(form["topic"], form["description"], Guid.TryParse(form["documentId"], out var d) ? d : null);
        foreach (var required in new[] { PolisReader.CommentsFile, PolisReader.VotesFile })
            if (form.Files.GetFile(PolisImport.Fields[required]) is not { Length: > 0 })
            {
                upload.Error = Missing(import, required);
                return upload;
            }
        upload.Files = new PolisExportFiles(upload.Open(form, PolisReader.CommentsFile)!, upload.Open(form, PolisReader.VotesFile)!,
            upload.Open(form, PolisReader.ParticipantsVotesFile), upload.Open(form, PolisReader.SummaryFile));
        return upload;
    }

    private static PolisImportError Missing(PolisImport import, string file) =>
        import.Translate(new PolisFormatError(file, null, null, PolisMessages.MissingFile, [file]));

    private Stream? Open(IFormCollection form, string file)
    {
        if (form.Files.GetFile(PolisImport.Fields[file]) is not { Length: > 0 } f) return null;
        var s = f.OpenReadStream();
        _open.Add(s);
        return s;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _open) await s.DisposeAsync();
    }
}
