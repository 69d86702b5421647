using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using CsvHelper;

namespace Grassroots.Opinion.Polis;

/// <summary>Thrown inside the reader to stop at the first error; <see cref="PolisReader"/> turns it into a result.</summary>
internal sealed class PolisFormatException(PolisFormatError error) : Exception(error.ToString())
{
    public PolisFormatError Error { get; } = error;
}

/// <summary>
/// One CSV file of an export, read record by record with the checks every file shares: text that is UTF-8, quotes
/// that close, lines of a sane length, a field for every column, and errors that name the file, the line the
/// record starts on and the column.
/// </summary>
internal sealed class PolisCsvFile : IAsyncDisposable
{
    private readonly CsvReader _reader;
    private readonly PolisReadOptions _options;
    // Quoting problems the reader reports, kept until the record they are in is reached, so that an error in an
    // earlier record is still the one reported whenever the reader finds them.
    private readonly Queue<CsvMalformedRecord> _malformed = new();
    private int _columns;

    private PolisCsvFile(string name, Stream stream, PolisReadOptions options, bool hasHeader)
    {
        Name = name;
        _options = options;
        _reader = CsvReader.Create(stream, new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = hasHeader,
            TrackLineNumbers = true,
            MaxRecordSize = options.MaxLineBytes,
            IncludeValuesInExceptions = false,
            // A stray quote inside an unquoted field (ab"c) is read as text, which is what it means: Pol.is' web
            // export of 2024 wrote comment bodies without quotes. A field whose quotes do not close is an error.
            OnMalformedRecord = m =>
            {
                if (m.Reason is CsvMalformedReason.UnterminatedQuote or CsvMalformedReason.TextAfterClosingQuote) _malformed.Enqueue(m);
            },
        }, leaveOpen: true);
    }

    public string Name { get; }

    /// <summary>The line the current record starts on.</summary>
    public int Line { get; private set; } = 1;

    public IReadOnlyList<string> Headers => _reader.Headers;

    public int FieldCount => _reader.FieldCount;

    /// <summary>Opens a file with a header line, checking that it has one and that it is text.</summary>
    public static async Task<PolisCsvFile> OpenAsync(string name, Stream stream, PolisReadOptions options, string expectedHeader, CancellationToken cancellationToken)
    {
        var file = new PolisCsvFile(name, stream, options, hasHeader: true);
        try
        {
            await file.GuardAsync(() => file._reader.ReadHeaderAsync(cancellationToken).AsTask());
            if (file._reader.LineNumber > 0) file.Line = (int)file._reader.LineNumber;
            if (file.Headers.Count == 0) throw file.Error(null, PolisMessages.EmptyFile, expectedHeader);
            if (file.Headers.Any(h => h.Contains('\uFFFD') || h.Contains('\0'))) throw file.Error(null, PolisMessages.NotText);
            file.CheckQuotes(1);
            file._columns = file.Headers.Count;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens a file without a header line (summary.csv).</summary>
    public static PolisCsvFile OpenWithoutHeader(string name, Stream stream, PolisReadOptions options) => new(name, stream, options, hasHeader: false);

    /// <summary>The index of a column, by its header name; -1 for an optional column that is not there.</summary>
    public int Column(string name, bool required, string expectedHeader)
    {
        if (!_reader.TryGetFieldIndex(name, out var index))
        {
            if (!required) return -1;
            throw Error(name, PolisMessages.MissingColumn, name, string.Join(", ", Headers.Select(h => Shown(h, 40))), expectedHeader);
        }
        if (_reader.TryGetFieldIndex(name, 1, out _)) throw Error(name, PolisMessages.DuplicateColumn, name);
        return index;
    }

    /// <summary>
    /// Moves to the next record and checks it. With <paramref name="lastColumnMayOverflow"/>, a record may have more
    /// fields than the header names (an unquoted text with commas in the last column); otherwise it needs one per column.
    /// </summary>
    public async ValueTask<bool> ReadAsync(bool lastColumnMayOverflow, CancellationToken cancellationToken)
    {
        var more = false;
        await GuardAsync(async () => more = await _reader.ReadAsync(cancellationToken));
        if (!more) return false;
        Line = (int)_reader.LineNumber;
        CheckQuotes(_reader.RowNumber + (_columns > 0 ? 1 : 0));
        if (_reader.RawRecord.Length > _options.MaxLineBytes) throw Error(null, PolisMessages.LineTooLong, _options.MaxLineBytes);
        CheckText();
        if (_columns > 0 && FieldCount != _columns && !(lastColumnMayOverflow && FieldCount > _columns))
            throw Error(null, PolisMessages.FieldCount, FieldCount, _columns);
        return true;
    }

    public bool IsEmpty(int index) => _reader.IsEmpty(index);

    public string Text(int index) => _reader.GetString(index) ?? "";

    /// <summary>The text from field <paramref name="index"/> to the end of the record, as written: the fields of an unquoted text that had commas in it.</summary>
    public string TextToEnd(int index)
    {
        if (FieldCount <= index + 1 || _reader.GetRawSpan(index).StartsWith("\""u8)) return Text(index);
        var bytes = new List<byte>();
        for (var i = index; i < FieldCount; i++)
        {
            if (i > index) bytes.Add((byte)',');
            bytes.AddRange(_reader.GetRawSpan(i));
        }
        return Encoding.UTF8.GetString(CollectionsMarshal.AsSpan(bytes));
    }

    public bool TryParse<T>(int index, out T value) where T : ISpanParsable<T> => _reader.TryParse(index, out value);

    public PolisFormatException Error(string? column, string template, params object[] arguments) =>
        new(new PolisFormatError(Name, Line, column, template, arguments));

    /// <summary>A value as an error message may quote it: short, on one line.</summary>
    public static string Shown(string value, int max = 40)
    {
        var oneLine = new string([.. value.Select(c => char.IsControl(c) ? ' ' : c)]);
        return oneLine.Length <= max ? oneLine : oneLine[..max] + "…";
    }

    public ValueTask DisposeAsync() => _reader.DisposeAsync();

    private void CheckQuotes(long recordNumber)
    {
        while (_malformed.TryPeek(out var m) && m.RecordNumber <= recordNumber)
        {
            _malformed.Dequeue();
            if (m.RecordNumber < recordNumber) continue;
            if (m.LineNumber > 0) Line = (int)m.LineNumber;
            throw Error(null, m.Reason == CsvMalformedReason.UnterminatedQuote ? PolisMessages.UnclosedQuote : PolisMessages.TextAfterQuote);
        }
    }

    // Bytes that are not UTF-8, or NULs, mean a binary file or another encoding: say so rather than import mojibake.
    private void CheckText()
    {
        var raw = _reader.RawRecord;
        if (Utf8.IsValid(raw) && !raw.Contains((byte)0)) return;
        for (var i = 0; i < FieldCount; i++)
        {
            var field = _reader.GetRawSpan(i);
            if (!Utf8.IsValid(field) || field.Contains((byte)0))
                throw Error(i < Headers.Count ? Headers[i] : null, PolisMessages.NotText);
        }
        throw Error(null, PolisMessages.NotText);
    }

    private async Task GuardAsync(Func<Task> read)
    {
        try
        {
            await read();
        }
        catch (CsvFormatException e)
        {
            // With quoting problems recovered and any field count allowed, the reader throws only for a record
            // longer than MaxRecordSize, typically an unclosed quote that runs on through the file.
            if (e.LineNumber > 0) Line = (int)e.LineNumber;
            throw Error(null, PolisMessages.LineTooLong, _options.MaxLineBytes);
        }
    }
}
