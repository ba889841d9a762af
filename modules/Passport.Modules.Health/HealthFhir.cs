using Hl7.Fhir.Model;
using Passport.Modules.Health.Alerts;
using Passport.Modules.Health.Allergies;
using Passport.Modules.Health.Conditions;
using Passport.Modules.Health.EmergencyCarePlans;
using Passport.Modules.Health.Equipment;
using Passport.Modules.Health.Growth;
using Passport.Modules.Health.Immunisations;
using Passport.Modules.Health.Medications;
using Passport.Sdk.Fhir;
using Passport.Sdk.Items;
using Condition = Passport.Modules.Health.Conditions.Condition;
using Medication = Passport.Modules.Health.Medications.Medication;
using static Passport.Sdk.Fhir.FhirItem;

namespace Passport.Modules.Health;

/// <summary>
/// The health section as FHIR R4 resources shaped for the International Patient Summary, and the
/// resources a GP or hospital system's bundle is imported from. The table in docs/interoperability.md
/// is this mapping in words.
/// </summary>
internal static class HealthFhir
{
    private const string Snomed = "http://snomed.info/sct";
    private const string Ucum = "http://unitsofmeasure.org";
    private const string ClinicalStatus = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
    private const string AllergyVerification = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification";
    private const string ConditionClinical = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    private const string ConditionVerification = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    private const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";

    public static ItemsFhirMapping<HealthView> Mapping(RecordedItems<HealthView> items) => new ItemsFhirMapping<HealthView>(items)
        .Export<Allergy>(IpsSection.Allergies, ToAllergyIntolerance)
        .Export<Medication>(IpsSection.Medications, ToMedicationStatement)
        .Export<Condition>(IpsSection.Problems, ToCondition)
        .Export<Alert>(IpsSection.Alerts, ToFlag)
        .Export<Immunisation>(IpsSection.Immunisations, ToImmunization)
        .Export<EquipmentItem>(IpsSection.MedicalDevices, ToDeviceUse)
        .Export<GrowthMeasurement>(IpsSection.VitalSigns, ToObservations)
        .Export<EmergencyCarePlan>(IpsSection.PlanOfCare, ToCarePlan)
        .Import<AllergyIntolerance, Allergy>(FromAllergyIntolerance, allergy => IsConfirmed(allergy.VerificationStatus))
        .Import<Hl7.Fhir.Model.Condition, Condition>(FromCondition, condition => IsConfirmed(condition.VerificationStatus))
        .Import<MedicationStatement, Medication>(FromMedicationStatement)
        .Import<Immunization, Immunisation>(FromImmunization, immunisation => immunisation.PrimarySource != false && immunisation.ReportOrigin is null);

    private static IEnumerable<Resource> ToAllergyIntolerance(Allergy allergy, FhirItem item)
    {
        var resource = new AllergyIntolerance
        {
            Text = Narrative($"{allergy.Severity} allergy to {allergy.Substance}{(allergy.Reaction is { } r ? $": {r}" : "")}{(allergy.Status == AllergyStatus.Resolved ? " (resolved)" : "")}."),
            Identifier = [item.Identifier],
            ClinicalStatus = Coded(ClinicalStatus, allergy.Status == AllergyStatus.Resolved ? "resolved" : "active"),
            VerificationStatus = Coded(AllergyVerification, item.IsVerified ? "confirmed" : "unconfirmed"),
            Criticality = allergy.Severity == AllergySeverity.Severe ? AllergyIntolerance.AllergyIntoleranceCriticality.High : AllergyIntolerance.AllergyIntoleranceCriticality.Low,
            Code = new CodeableConcept { Text = allergy.Substance },
            Patient = item.Patient,
            RecordedDate = item.RecordedDate,
            Recorder = item.Recorder,
            Asserter = item.Verifier,
            Reaction =
            [
                new AllergyIntolerance.ReactionComponent
                {
                    Manifestation = [new CodeableConcept { Text = allergy.Reaction ?? "Not recorded" }],
                    Severity = allergy.Severity switch
                    {
                        AllergySeverity.Mild => AllergyIntolerance.AllergyIntoleranceSeverity.Mild,
                        AllergySeverity.Moderate => AllergyIntolerance.AllergyIntoleranceSeverity.Moderate,
                        _ => AllergyIntolerance.AllergyIntoleranceSeverity.Severe,
                    },
                },
            ],
        };
        return [resource];
    }

    private static IEnumerable<Resource> ToMedicationStatement(Medication medication, FhirItem item)
    {
        var dose = string.Join(", ", new[] { medication.Dose, medication.Route, medication.Frequency }.Where(s => !string.IsNullOrWhiteSpace(s)));
        yield return new MedicationStatement
        {
            Text = Narrative($"{medication.Name}{(dose.Length > 0 ? $": {dose}" : "")}{(medication.HowITakeIt is { } how ? $". How I take it: {how}" : "")}"),
            Identifier = [item.Identifier],
            Status = MedicationStatement.MedicationStatusCodes.Active,
            Medication = new CodeableConcept { Text = medication.Name },
            Subject = item.Patient,
            DateAsserted = item.RecordedDate,
            InformationSource = item.Recorder,
            Dosage =
            [
                new Dosage
                {
                    Text = dose.Length > 0 ? dose : null,
                    PatientInstruction = medication.HowITakeIt,
                    Route = medication.Route is { } route ? new CodeableConcept { Text = route } : null,
                    Timing = medication.Frequency is { } frequency ? new Timing { Code = new CodeableConcept { Text = frequency } } : null,
                    DoseAndRate = DoseQuantity(medication.Dose) is { } amount ? [new Dosage.DoseAndRateComponent { Dose = amount }] : [],
                },
            ],
        };
    }

    private static IEnumerable<Resource> ToCondition(Condition condition, FhirItem item)
    {
        var code = new CodeableConcept { Text = condition.Name };
        if (condition.SnomedCode is { } snomed)
        {
            code.Coding.Add(new Coding(Snomed, snomed, condition.Name));
        }

        yield return new Hl7.Fhir.Model.Condition
        {
            Text = Narrative($"{condition.Name}{(condition.Onset is { } onset ? $", since {Date(onset)}" : "")}."),
            Identifier = [item.Identifier],
            ClinicalStatus = Coded(ConditionClinical, "active"),
            VerificationStatus = Coded(ConditionVerification, item.IsVerified ? "confirmed" : "unconfirmed"),
            Code = code,
            Subject = item.Patient,
            Onset = condition.Onset is { } day ? new FhirDateTime(Date(day)) : null,
            RecordedDate = item.RecordedDate,
            Recorder = item.Recorder,
            Asserter = item.Verifier,
        };
    }

    private static IEnumerable<Resource> ToFlag(Alert alert, FhirItem item)
    {
        yield return new Flag
        {
            Text = Narrative($"{alert.Title}{(alert.Details is { } details ? $": {details}" : "")}"),
            Identifier = [item.Identifier],
            Status = Flag.FlagStatus.Active,
            Code = new CodeableConcept { Text = alert.Details is { } why ? $"{alert.Title}: {why}" : alert.Title },
            Subject = item.Patient,
            Author = item.Recorder,
        };
    }

    private static IEnumerable<Resource> ToImmunization(Immunisation immunisation, FhirItem item)
    {
        yield return new Immunization
        {
            Text = Narrative($"{immunisation.Vaccine}, given {Date(immunisation.GivenOn)}."),
            Identifier = [item.Identifier],
            Status = Immunization.ImmunizationStatusCodes.Completed,
            VaccineCode = new CodeableConcept { Text = immunisation.Vaccine },
            Patient = item.Patient,
            Occurrence = new FhirDateTime(Date(immunisation.GivenOn)),
            Recorded = item.RecordedDate,
            PrimarySource = item.IsVerified,
            ReportOrigin = item.IsVerified ? null : new CodeableConcept { Text = "Reported by the family" },
            // Who recorded it in the passport, not who gave it: the passport does not know that.
            Note = [new Annotation { Author = item.Recorder, Text = new Markdown("Recorded in the children's passport.") }],
        };
    }

    private static IEnumerable<Resource> ToDeviceUse(EquipmentItem equipment, FhirItem item)
    {
        // The device travels inside the statement (contained): it is the child's, known only by its name.
        var device = new Device
        {
            Id = "device",
            DeviceName = [new Device.DeviceNameComponent { Name = equipment.Name, Type = DeviceNameType.UserFriendlyName }],
            Patient = item.Patient,
            Note = equipment.Notes is { } notes ? [new Annotation { Text = new Markdown(notes) }] : [],
        };
        yield return new DeviceUseStatement
        {
            Text = Narrative($"Uses {equipment.Name}{(equipment.Notes is { } n ? $": {n}" : "")}"),
            Contained = [device],
            Identifier = [item.Identifier],
            Status = DeviceUseStatement.DeviceUseStatementStatus.Active,
            Subject = item.Patient,
            Device = new ResourceReference("#device", equipment.Name),
            RecordedOn = item.RecordedDate,
            Source = item.Recorder,
        };
    }

    private static IEnumerable<Resource> ToObservations(GrowthMeasurement measurement, FhirItem item)
    {
        var measures = new (double? Value, string Loinc, string Display, string Unit)[]
        {
            (measurement.HeightCm, "8302-2", "Body height", "cm"),
            (measurement.WeightKg, "29463-7", "Body weight", "kg"),
            (measurement.HeadCircumferenceCm, "9843-4", "Head Occipital-frontal circumference", "cm"),
        };
        foreach (var (value, loinc, display, unit) in measures)
        {
            if (value is not { } amount)
            {
                continue;
            }

            yield return new Observation
            {
                Text = Narrative($"{display}: {amount} {unit} on {Date(measurement.MeasuredOn)}."),
                Identifier = [new Identifier(FhirItem.IdentifierSystem, $"urn:uuid:{item.Item.Id}#{loinc}")],
                Status = item.IsVerified ? ObservationStatus.Final : ObservationStatus.Preliminary,
                Category = [Coded(ObservationCategory, "vital-signs", "Vital Signs")],
                Code = new CodeableConcept(IpsSection.Loinc, loinc, display, display),
                Subject = item.Patient,
                Effective = new FhirDateTime(Date(measurement.MeasuredOn)),
                Issued = item.Item.RecordedBy.RecordedAt,
                Performer = [item.Recorder],
                Value = new Quantity((decimal)amount, unit) { Unit = unit, System = Ucum },
            };
        }
    }

    private static IEnumerable<Resource> ToCarePlan(EmergencyCarePlan plan, FhirItem item)
    {
        yield return new CarePlan
        {
            Text = Narrative($"{plan.Title}: {plan.Plan}"),
            Identifier = [item.Identifier],
            Status = RequestStatus.Active,
            Intent = CarePlan.CarePlanIntent.Plan,
            Title = plan.Title,
            Description = plan.Plan,
            Subject = item.Patient,
            Created = item.RecordedDate,
            Author = item.Recorder,
        };
    }

    private static Allergy FromAllergyIntolerance(AllergyIntolerance resource, FhirImportSource source)
    {
        RefuseWhenNotAFact(resource.VerificationStatus);
        var substance = Words(resource.Code) ?? throw new FhirImportException("code", "An AllergyIntolerance needs code (text or a coding's display): what the child is allergic to.");
        var reaction = resource.Reaction.FirstOrDefault();
        var severity = reaction?.Severity switch
        {
            AllergyIntolerance.AllergyIntoleranceSeverity.Mild => AllergySeverity.Mild,
            AllergyIntolerance.AllergyIntoleranceSeverity.Moderate => AllergySeverity.Moderate,
            AllergyIntolerance.AllergyIntoleranceSeverity.Severe => AllergySeverity.Severe,
            _ => resource.Criticality switch
            {
                AllergyIntolerance.AllergyIntoleranceCriticality.High => AllergySeverity.Severe,
                AllergyIntolerance.AllergyIntoleranceCriticality.Low => AllergySeverity.Mild,
                // A severity is never guessed: the passport shows it to whoever treats the child.
                _ => throw new FhirImportException("reaction.severity", "An AllergyIntolerance needs reaction.severity, or a criticality of low or high: how severe it is."),
            },
        };
        var manifestation = reaction?.Manifestation.Select(Words).FirstOrDefault(w => w is not null);
        var resolved = resource.ClinicalStatus?.Coding.Any(c => c.Code is "resolved" or "inactive") == true;
        return new Allergy(substance, manifestation == "Not recorded" ? null : manifestation, severity, resolved ? AllergyStatus.Resolved : AllergyStatus.Active);
    }

    private static Condition FromCondition(Hl7.Fhir.Model.Condition resource, FhirImportSource source)
    {
        RefuseWhenNotAFact(resource.VerificationStatus);
        if (resource.ClinicalStatus?.Coding.FirstOrDefault(c => c.System == ConditionClinical)?.Code is { } status && status is not ("active" or "recurrence" or "relapse"))
        {
            throw new FhirImportException("clinicalStatus", $"Only current conditions are imported; this one is {status}.");
        }

        var name = Words(resource.Code) ?? throw new FhirImportException("code", "A Condition needs code (text or a coding's display): the condition or diagnosis.");
        var snomed = resource.Code!.Coding.FirstOrDefault(c => c.System == Snomed)?.Code;
        var onset = resource.Onset is FhirDateTime { Value: { Length: >= 10 } when } && DateOnly.TryParse(when[..10], System.Globalization.CultureInfo.InvariantCulture, out var day) ? day : (DateOnly?)null;
        return new Condition(name, snomed, onset);
    }

    private static Medication FromMedicationStatement(MedicationStatement resource, FhirImportSource source)
    {
        if (resource.Status is not (MedicationStatement.MedicationStatusCodes.Active or MedicationStatement.MedicationStatusCodes.Intended))
        {
            throw new FhirImportException("status", $"Only medicines the child takes now (status active or intended) are imported; this one is {resource.Status?.ToString().ToLowerInvariant() ?? "without a status"}.");
        }

        var name = (resource.Medication as CodeableConcept) is { } concept ? Words(concept) : null;
        name ??= (resource.Medication as ResourceReference)?.Display;
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new FhirImportException("medication", "A MedicationStatement needs medicationCodeableConcept (text or a coding's display) or a medicationReference with a display: the medicine.");
        }

        var dosage = resource.Dosage.FirstOrDefault();
        var dose = dosage?.DoseAndRate.Select(DoseWords).FirstOrDefault(d => d is not null);
        return new Medication(name, dose, Words(dosage?.Route), Words(dosage?.Timing?.Code), dosage?.PatientInstruction);
    }

    private static Immunisation FromImmunization(Immunization resource, FhirImportSource source)
    {
        if (resource.Status != Immunization.ImmunizationStatusCodes.Completed)
        {
            throw new FhirImportException("status", "Only immunisations given (status completed) are imported.");
        }

        var vaccine = Words(resource.VaccineCode) ?? throw new FhirImportException("vaccineCode", "An Immunization needs vaccineCode (text or a coding's display): the vaccine.");
        if (resource.Occurrence is not FhirDateTime { Value: { Length: >= 10 } when } || !DateOnly.TryParse(when[..10], System.Globalization.CultureInfo.InvariantCulture, out var given))
        {
            throw new FhirImportException("occurrence", "An Immunization needs occurrenceDateTime with at least a full date: the day it was given.");
        }

        return new Immunisation(vaccine, given);
    }

    /// <summary>A dose such as "5 mg" as a quantity; a dose in other words ("one puff") stays in the dosage's text only.</summary>
    private static Quantity? DoseQuantity(string? dose)
    {
        var parts = dose?.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        return parts is [var number, var unit] && decimal.TryParse(number, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? new Quantity { Value = value, Unit = unit }
            : null;
    }

    private static string? DoseWords(Dosage.DoseAndRateComponent dose) =>
        dose.Dose is Quantity { Value: { } amount } quantity ? $"{amount.ToString(System.Globalization.CultureInfo.InvariantCulture)} {quantity.Unit ?? quantity.Code}".Trim() : null;

    /// <summary>A resource its sender says is wrong (refuted, entered in error) is never recorded as a fact.</summary>
    private static void RefuseWhenNotAFact(CodeableConcept? verification)
    {
        if (verification?.Coding.Select(c => c.Code).FirstOrDefault(code => code is "refuted" or "entered-in-error") is { } code)
        {
            throw new FhirImportException("verificationStatus", $"A resource whose verificationStatus is {code} is not imported.");
        }
    }

    /// <summary>Confirmed unless the sender says it is not (unconfirmed, provisional, differential).</summary>
    private static bool IsConfirmed(CodeableConcept? verification) =>
        verification?.Coding.Any(c => c.Code is "unconfirmed" or "provisional" or "differential") != true;

    private static CodeableConcept Coded(string system, string code, string? display = null) => new(system, code, display);

    /// <summary>The words of a concept: its text, else its first coding's display.</summary>
    private static string? Words(CodeableConcept? concept) =>
        concept is null ? null
        : !string.IsNullOrWhiteSpace(concept.Text) ? concept.Text
        : concept.Coding.Select(c => c.Display).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d));
}
