using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Domain.Units;
using Wolverine.Http;

namespace Monitoring.Api.Notifications;

public sealed record WebhookInput(string Url, string Secret);

/// <summary>Where a unit's reminders and notifications go; replaces the previous recipients whole (empty lists: none).</summary>
public sealed record SetUnitRecipients(IReadOnlyList<string>? Emails, IReadOnlyList<WebhookInput>? Webhooks)
{
    public const int MaxEmails = 20;
    public const int MaxWebhooks = 10;

    public sealed class Validator : AbstractValidator<SetUnitRecipients>
    {
        public Validator()
        {
            RuleFor(x => x.Emails).Must(e => e is null || e.Count <= MaxEmails)
                .WithMessage(_ => Localized.Text($"At most {MaxEmails} e-mail addresses.", $"Tối đa {MaxEmails} địa chỉ thư điện tử."));
            RuleFor(x => x.Emails).Must(e => e is null || e.Select(a => a.Trim().ToLowerInvariant()).Distinct().Count() == e.Count)
                .WithMessage(_ => Localized.Text("Each e-mail address appears once.", "Mỗi địa chỉ thư điện tử chỉ nêu một lần."));
            RuleForEach(x => x.Emails).NotEmpty().MaximumLength(254).Must(Recipients.IsEmail)
                .WithMessage(_ => Localized.Text("Use an e-mail address such as van.thu@tinhuy.gov.vn.", "Địa chỉ thư điện tử có dạng van.thu@tinhuy.gov.vn."));
            RuleFor(x => x.Webhooks).Must(w => w is null || w.Count <= MaxWebhooks)
                .WithMessage(_ => Localized.Text($"At most {MaxWebhooks} webhooks.", $"Tối đa {MaxWebhooks} webhook."));
            RuleFor(x => x.Webhooks).Must(w => w is null || w.Select(h => h.Url).Distinct().Count() == w.Count)
                .WithMessage(_ => Localized.Text("Each webhook URL appears once.", "Mỗi địa chỉ webhook chỉ nêu một lần."));
            RuleForEach(x => x.Webhooks).ChildRules(w =>
            {
                w.RuleFor(x => x.Url).NotEmpty().MaximumLength(2000).Must(Recipients.IsWebUrl)
                    .WithMessage(_ => Localized.Text("Use an absolute http or https URL.", "Địa chỉ webhook phải là URL tuyệt đối http hoặc https."));
                w.RuleFor(x => x.Secret).NotEmpty().MinimumLength(16).MaximumLength(500);
            });
        }
    }
}

/// <summary>A unit's recipients as the API shows them: the webhooks' secrets only by fingerprint.</summary>
public sealed record UnitRecipientsView(Guid UnitId, IReadOnlyList<string> Emails, IReadOnlyList<WebhookRecipient> Webhooks);

/// <summary>
/// The webhooks' secrets of one unit (id: the unit's), beside its stream: the <see cref="UnitRecipientsSet"/> event records the
/// change for the audit trail with fingerprints only, because nothing can ever be removed from the event store and a secret
/// that leaked through the audit export could not be withdrawn.
/// </summary>
public sealed class WebhookSecrets
{
    public Guid Id { get; set; }
    public Dictionary<string, string> ByUrl { get; set; } = [];
}

public static class Recipients
{
    public static bool IsEmail(string? text) =>
        !string.IsNullOrWhiteSpace(text) && System.Net.Mail.MailAddress.TryCreate(text.Trim(), out var address)
                                         && address.Address == text.Trim() && string.IsNullOrEmpty(address.DisplayName) && address.Host.Contains('.');

    public static bool IsWebUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && !string.IsNullOrEmpty(url.Host);

    public static string Fingerprint(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))[..12];
}

public static class UnitRecipientsEndpoints
{
    [Authorize(Policy = Policies.Define)]
    [WolverinePut("/api/units/{id}/recipients", OperationId = "SetUnitRecipients"), Tags("Units"),
     EndpointSummary("Set where a unit's reminders and notifications go: e-mail addresses and signed webhooks")]
    [EndpointDescription("Replaces the unit's recipients whole. Recorded as an event on the unit (webhook secrets only by fingerprint).")]
    [ProducesResponseType<UnitRecipientsView>(200)]
    public static async Task<IResult> Put(Guid id, SetUnitRecipients command, IDocumentSession session, HttpContext context, TimeProvider clock,
        CancellationToken ct)
    {
        // Fetched for writing, so the unit's stored version follows and a concurrent change of the unit is detected at commit.
        var stream = await session.Events.FetchForWriting<Unit>(id, ct);
        if (stream.Aggregate is null) return Problems.NotFound("Unit", id);
        var emails = (command.Emails ?? []).Select(e => e.Trim()).ToList();
        var hooks = command.Webhooks ?? [];
        var set = new UnitRecipientsSet(id, emails, hooks.Select(h => new WebhookRecipient(h.Url, Recipients.Fingerprint(h.Secret))).ToList(),
            context.Caller().UserName, clock.GetUtcNow());
        stream.AppendOne(set);
        session.Store(new WebhookSecrets { Id = id, ByUrl = hooks.ToDictionary(h => h.Url, h => h.Secret) });
        session.SetHeader(EventMetadata.UnitHeader, id.ToString());
        return Results.Ok(new UnitRecipientsView(id, set.Emails, set.Webhooks));
    }

    [Authorize(Policy = Policies.Read)]
    [WolverineGet("/api/units/{id}/recipients", OperationId = "GetUnitRecipients"), Tags("Units"),
     EndpointSummary("Where a unit's reminders and notifications go")]
    [EndpointDescription("A reporter reads only its own unit's.")]
    [ProducesResponseType<UnitRecipientsView>(200)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext context, CancellationToken ct)
    {
        var caller = context.Caller();
        if (caller.IsReporter && caller.UnitId != id) return Problems.NotYourUnit("Unit", id);
        if (await session.LoadAsync<Unit>(id, ct) is not { } unit) return Problems.NotFound("Unit", id);
        return Results.Ok(new UnitRecipientsView(id, unit.Recipients?.Emails ?? [], unit.Recipients?.Webhooks ?? []));
    }
}
