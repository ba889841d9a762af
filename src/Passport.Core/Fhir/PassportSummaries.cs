using Hl7.Fhir.Model;
using Marten;
using Passport.Core.Access;
using Passport.Core.Modules;
using Passport.Core.Passports;
using Passport.Sdk;
using Passport.Sdk.Fhir;
using Passport.Sdk.Items;

namespace Passport.Core.Fhir;

/// <summary>
/// A passport as a FHIR R4 document Bundle shaped like the International Patient Summary: the
/// Composition and the Patient (UK Core conventions) from the core, each module's resources from
/// its <see cref="FhirMapping"/>. Every part goes through the read decision
/// (<see cref="SectionReads"/>) and is noted for the access log: a group the reader may not see is
/// left out entirely, not even its section's title.
/// </summary>
public sealed class PassportSummaries(PassportAccess access, SectionReads reads, IQuerySession session, ModuleCatalog catalog, TimeProvider clock)
{
    public const string NhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number";
    private const string PatientSummaryCode = "60591-5";
    private const string EmptyReasons = "http://terminology.hl7.org/CodeSystem/list-empty-reason";

    /// <summary>The summary of one passport for the signed-in reader.</summary>
    /// <param name="passportId">The passport.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>The document Bundle.</returns>
    /// <exception cref="PassportException">NOT_FOUND (also for a passport the reader has no access to) or PASSPORT_CLOSED.</exception>
    public async Task<Bundle> SummaryAsync(Guid passportId, CancellationToken cancellationToken)
    {
        var passport = await access.ReadAsync(passportId, cancellationToken).ConfigureAwait(false);
        var view = access.ViewOf(passport);
        var document = new Document(passport, reads, session, clock.GetUtcNow());

        document.Patient.Id = passport.Id.ToString();
        if (reads.TryGroup(passport, CoreFieldGroups.IdentityBasic))
        {
            Identify(document.Patient, view);
        }

        if (view.NhsNumber is { } nhsNumber && reads.TryGroup(passport, CoreFieldGroups.NhsNumber))
        {
            document.Patient.Identifier.Add(new Identifier(NhsNumberSystem, nhsNumber));
        }

        if (reads.TryGroup(passport, CoreFieldGroups.EmergencyContacts))
        {
            document.Patient.Contact.AddRange(view.EmergencyContacts.Where(c => !passport.Access.IsWithheld(c.Id)).OrderBy(c => c.PreferredOrder).Select(Contact));
        }

        if (reads.TryGroup(passport, CoreFieldGroups.AboutMe))
        {
            document.AboutMe(view.AboutMe);
        }

        foreach (var module in catalog.Modules)
        {
            if (module.Fhir is not { } mapping)
            {
                continue;
            }

            try
            {
                await reads.EnsureModuleAsync(passport, module.Manifest.Name, cancellationToken).ConfigureAwait(false);
            }
            catch (PassportException e) when (e.Code == ErrorCodes.ModuleNotEnabled)
            {
                // Not part of this child's passport in their local authority.
                continue;
            }

            await mapping.ExportAsync(document, cancellationToken).ConfigureAwait(false);
        }

        foreach (var unavailable in catalog.UnavailableSections.Values)
        {
            // A module that failed to load must never look like one with nothing recorded, where it
            // is part of this child's passport and the reader would see some of it.
            if (unavailable.FieldGroups.Any(g => passport.Access.MaySee(g.Name))
                && await reads.IsSwitchedOnAsync(passport, unavailable.Name, cancellationToken).ConfigureAwait(false))
            {
                document.Unavailable(unavailable.SectionTitle);
            }
        }

        return document.Bundle(view);
    }

    private static void Identify(Patient patient, PassportView view)
    {
        patient.Name.Add(new HumanName { Use = HumanName.NameUse.Official, Family = view.FamilyName, Given = [view.GivenName] });
        if (!string.IsNullOrWhiteSpace(view.PreferredName))
        {
            patient.Name.Add(new HumanName { Use = HumanName.NameUse.Usual, Given = [view.PreferredName] });
        }

        patient.BirthDate = FhirItem.Date(view.DateOfBirth);
        if (!string.IsNullOrWhiteSpace(view.FirstLanguage))
        {
            patient.Communication.Add(new Patient.CommunicationComponent
            {
                Language = new CodeableConcept { Text = view.IsInterpreterNeeded ? $"{view.FirstLanguage} (interpreter needed)" : view.FirstLanguage },
                Preferred = true,
            });
        }
    }

    private static Patient.ContactComponent Contact(EmergencyContact contact) => new()
    {
        Relationship = [new CodeableConcept { Text = contact.HasParentalResponsibility ? $"{contact.Relationship} (parental responsibility)" : contact.Relationship }],
        Name = new HumanName { Text = contact.Name },
        Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, contact.Phone) { Rank = contact.PreferredOrder > 0 ? contact.PreferredOrder : null }],
    };

    /// <summary>The summary being built for one reader: what the modules add to.</summary>
    private sealed class Document(PassportNode passport, SectionReads reads, IQuerySession session, DateTimeOffset now) : IFhirSummary
    {
        private readonly SortedDictionary<int, (IpsSection Section, List<Resource> Entries)> _sections = [];
        private readonly List<Composition.SectionComponent> _unavailable = [];
        private readonly Dictionary<Type, object?> _views = [];
        private Composition.SectionComponent? _aboutMe;

        public Patient Patient { get; } = new();

        ResourceReference IFhirSummary.Patient => new(Urn(passport.Id));

        public async Task<IReadOnlyList<TItem>?> ItemsAsync<TView, TItem>(ItemKind<TView, TItem> kind, CancellationToken cancellationToken)
            where TView : ItemsView
            where TItem : RecordedItem
        {
            if (!reads.TryGroup(passport, kind.Group))
            {
                return null;
            }

            if (!_views.TryGetValue(typeof(TView), out var loaded))
            {
                loaded = await session.LoadAsync<TView>(passport.Id, cancellationToken).ConfigureAwait(false);
                _views[typeof(TView)] = loaded;
            }

            return loaded is TView view ? SectionReads.Visible(passport, kind.Current(view)) : [];
        }

        public void Include(IpsSection section)
        {
            if (!_sections.ContainsKey(section.Order))
            {
                _sections[section.Order] = (section, []);
            }
        }

        public void Add(IpsSection section, Resource resource)
        {
            Include(section);
            resource.Id ??= Guid.CreateVersion7().ToString();
            _sections[section.Order].Entries.Add(resource);
        }

        public void AboutMe(AboutMeSection? about)
        {
            var parts = about is null ? [] : new (string Heading, string? Text)[]
            {
                ("Things you must know about me", about.MustKnow),
                ("How I communicate", about.Communication),
                ("What is important to me", about.ImportantToMe),
                ("What I like", about.Likes),
                ("What I do not like", about.Dislikes),
                ("What upsets me", about.WhatUpsetsMe),
                ("How to help me", about.HowToHelpMe),
                ("How I show pain", about.HowIShowPain),
            }.Where(p => !string.IsNullOrWhiteSpace(p.Text)).ToArray();
            _aboutMe = Section(IpsSection.PatientStory.Title, IpsSection.PatientStory);
            if (parts.Length == 0)
            {
                Empty(_aboutMe, "nilknown", "None recorded", "Nothing recorded in About me.");
                return;
            }

            var html = string.Concat(parts.Select(p => $"<h3>{Html(p.Heading)}</h3><p>{Html(p.Text!)}</p>"));
            var by = about!.RecordedBy;
            html += $"<p>Written by {Html(by.DisplayName)}{(by.IsVerified ? "" : ", the family")}, {by.RecordedAt:yyyy-MM-dd}.</p>";
            _aboutMe.Text = Xhtml(html);
        }

        public void Unavailable(string title)
        {
            var section = Section(title, null);
            Empty(section, "unavailable", "Unavailable", $"We cannot show {title} right now. This does not mean nothing is recorded.");
            _unavailable.Add(section);
        }

        public Bundle Bundle(PassportView view)
        {
            var composition = new Composition
            {
                Id = Guid.CreateVersion7(now).ToString(),
                Identifier = new Identifier(FhirItem.IdentifierSystem, $"urn:uuid:{passport.Id}#{passport.Version}"),
                Status = CompositionStatus.Final,
                Type = new CodeableConcept(IpsSection.Loinc, PatientSummaryCode, "Patient summary Document", "Patient summary"),
                Subject = new ResourceReference(Urn(passport.Id)),
                Date = now.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
                Author = [new ResourceReference { Display = "Regional Children's Passport" }],
                Title = $"Children's passport summary (passport version {passport.Version})",
            };
            var bundle = new Bundle
            {
                Id = Guid.CreateVersion7(now).ToString(),
                Identifier = new Identifier(FhirItem.IdentifierSystem, $"urn:uuid:{composition.Id}"),
                Type = Hl7.Fhir.Model.Bundle.BundleType.Document,
                Timestamp = now,
            };
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:uuid:{composition.Id}", Resource = composition });
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = Urn(passport.Id), Resource = Patient });
            Patient.Text = FhirItem.Narrative(Patient.Name.FirstOrDefault() is { } name ? $"{string.Join(" ", name.Given)} {name.Family}".Trim() : "The child (name not shared with you)");

            foreach (var (section, entries) in _sections.Values)
            {
                var component = Section(section.Title, section);
                if (entries.Count == 0)
                {
                    Empty(component, "nilknown", "None recorded", "None recorded in the passport.");
                }
                else
                {
                    component.Text = Xhtml("<ul>" + string.Concat(entries.Select(e => $"<li>{Html(Words(e))}</li>")) + "</ul>");
                    foreach (var entry in entries)
                    {
                        component.Entry.Add(new ResourceReference(FullUrl(entry)));
                        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = FullUrl(entry), Resource = entry });
                    }
                }

                composition.Section.Add(component);
            }

            if (_aboutMe is not null)
            {
                composition.Section.Add(_aboutMe);
            }

            composition.Section.AddRange(_unavailable);
            if (composition.Section.Count == 0)
            {
                // A Composition needs a section: say that nothing is shared, not what is withheld.
                var none = Section("Nothing shared", null);
                Empty(none, "withheld", "Withheld", "Nothing in this passport is shared with you.");
                composition.Section.Add(none);
            }

            return bundle;
        }

        private static Composition.SectionComponent Section(string title, IpsSection? section) => new()
        {
            Title = title,
            Code = section is null ? null : new CodeableConcept(IpsSection.Loinc, section.Code, section.Display, section.Title),
        };

        private static void Empty(Composition.SectionComponent section, string reason, string display, string words)
        {
            section.EmptyReason = new CodeableConcept(EmptyReasons, reason, display, display);
            section.Text = Xhtml($"<p>{Html(words)}</p>");
        }

        private static string Words(Resource resource) =>
            (resource as DomainResource)?.Text?.Div is { } div ? System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(div, "<[^>]+>", "")).Trim() : resource.TypeName;

        private static string FullUrl(Resource resource) => $"urn:uuid:{resource.Id}";

        private static string Urn(Guid id) => $"urn:uuid:{id}";

        private static Narrative Xhtml(string html) => new()
        {
            Status = Narrative.NarrativeStatus.Generated,
            Div = $"<div xmlns=\"http://www.w3.org/1999/xhtml\">{html}</div>",
        };

        private static string Html(string text) => System.Net.WebUtility.HtmlEncode(text);
    }
}
