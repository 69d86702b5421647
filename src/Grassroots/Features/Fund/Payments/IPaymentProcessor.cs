namespace Grassroots.Features.Fund.Payments;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ChargeOutcome>))]
public enum ChargeOutcome
{
    /// <summary>The money moved.</summary>
    Succeeded = 0,
    /// <summary>The card's bank said no: the donor tries another card; trying again changes nothing.</summary>
    Declined = 1,
    /// <summary>The processor could not answer (a network fault, its own error): the same charge may be tried again with the same key.</summary>
    Failed = 2,
}

/// <summary>A charge, identified by the fund's own key: the processor charges a key once, however often it is sent.</summary>
public sealed record ChargeRequest(string IdempotencyKey, long Cents, string PaymentToken, string Description);

public sealed record ChargeResult(ChargeOutcome Outcome, string? ChargeId = null, string? Reason = null);

public sealed record RefundResult(bool Succeeded, string? RefundId = null, string? Reason = null);

/// <summary>
/// Where the money moves. The fund speaks only to this: the test processor (test card numbers, no network, what the
/// tests and a fresh install use) or an adapter to a real one. A charge and a refund take the fund's idempotency key,
/// and <see cref="FindAsync"/> answers what became of a key, so a gift interrupted between the charge and the ledger
/// is settled on restart instead of lost or charged twice.
/// </summary>
public interface IPaymentProcessor
{
    Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken ct);

    /// <summary>
    /// Charges many at once (the monthly run), each under its own key; an answer is null where the processor did not
    /// answer (that gift stays "charging" and recovery asks about it later). A processor with no batch call is sent
    /// them side by side, <see cref="ParallelCharges"/> at a time.
    /// </summary>
    async Task<ChargeResult?[]> ChargeAllAsync(IReadOnlyList<ChargeRequest> requests, CancellationToken ct)
    {
        var answers = new ChargeResult?[requests.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), new ParallelOptions { MaxDegreeOfParallelism = ParallelCharges, CancellationToken = ct }, async (i, token) =>
        {
            try { answers[i] = await ChargeAsync(requests[i], token); }
            catch (Exception e) when (e is HttpRequestException or TimeoutException or IOException or InvalidOperationException) { answers[i] = null; }
        });
        return answers;
    }

    /// <summary>How many charges <see cref="ChargeAllAsync"/> sends at once.</summary>
    const int ParallelCharges = 16;

    /// <summary>
    /// Whether what the donor sent could be a card this processor charges (the test processor: a number with a valid
    /// check digit; a real one: the token its checkout form made). A form error, before anything is held.
    /// </summary>
    bool LooksValid(string paymentToken);

    /// <summary>A token to charge the same card again next month without keeping its number (a real processor: a saved payment method).</summary>
    Task<string> SaveCardAsync(string paymentToken, CancellationToken ct);

    /// <summary>What the processor did with this key: the charge's result, or null when it never saw the key.</summary>
    Task<ChargeResult?> FindAsync(string idempotencyKey, CancellationToken ct);

    Task<RefundResult> RefundAsync(string chargeId, long cents, string idempotencyKey, CancellationToken ct);
}
