using GraphQL;
using GraphQL.Types;
using Passport.Core.GraphQL;
using Passport.Core.Passports;
using Passport.Sdk;

namespace Passport.Core.EmergencyContacts;

/// <summary>A person to contact in an emergency, as entered (already validated).</summary>
public sealed record ContactDetails(string Name, string Relationship, bool HasParentalResponsibility, string Phone, int PreferredOrder)
{
    public static ContactDetails From(ContactInput input)
    {
        var phone = InputRules.Required("input.phone", input.Phone, 30);
        if (!phone.All(ch => char.IsAsciiDigit(ch) || ch is ' ' or '+' or '(' or ')' or '-'))
        {
            throw PassportException.Invalid("input.phone", "input.phone may contain only digits, spaces and + ( ) -.");
        }

        var order = input.PreferredOrder ?? 1;
        if (order is < 1 or > 20)
        {
            throw PassportException.Invalid("input.preferredOrder", "input.preferredOrder must be between 1 and 20.");
        }

        return new ContactDetails(InputRules.Required("input.name", input.Name), InputRules.Required("input.relationship", input.Relationship, 100), input.ParentalResponsibility, phone, order);
    }
}

/// <summary>An emergency contact added (the family; health or social care, verified).</summary>
public sealed record AddEmergencyContact(Guid PassportId, ContactDetails Contact) : IPassportChange
{
    public PassportWrite Write => PassportWrite.ToGroup(CoreFieldGroups.EmergencyContacts);

    public Task DecideAsync(PassportWriteContext passport)
    {
        passport.Append(new EmergencyContactAdded(Guid.CreateVersion7(), Contact.Name, Contact.Relationship, Contact.HasParentalResponsibility, Contact.Phone, Contact.PreferredOrder, passport.RecordedBy));
        return Task.CompletedTask;
    }
}

/// <summary>An emergency contact corrected.</summary>
public sealed record AmendEmergencyContact(Guid PassportId, Guid ContactId, ContactDetails Contact) : IPassportChange
{
    public PassportWrite Write => PassportWrite.ToGroup(CoreFieldGroups.EmergencyContacts, ContactId, "contactId");

    public Task DecideAsync(PassportWriteContext passport)
    {
        EmergencyContactRules.RequireCurrent(passport, ContactId);
        passport.Append(new EmergencyContactAmended(ContactId, Contact.Name, Contact.Relationship, Contact.HasParentalResponsibility, Contact.Phone, Contact.PreferredOrder, passport.RecordedBy));
        return Task.CompletedTask;
    }
}

/// <summary>An emergency contact removed (the history keeps it).</summary>
public sealed record RemoveEmergencyContact(Guid PassportId, Guid ContactId) : IPassportChange
{
    public PassportWrite Write => PassportWrite.ToGroup(CoreFieldGroups.EmergencyContacts, ContactId, "contactId");

    public Task DecideAsync(PassportWriteContext passport)
    {
        EmergencyContactRules.RequireCurrent(passport, ContactId);
        passport.Append(new EmergencyContactRemoved(ContactId, passport.RecordedBy));
        return Task.CompletedTask;
    }
}

internal static class EmergencyContactRules
{
    public static void RequireCurrent(PassportWriteContext passport, Guid contactId)
    {
        if (!((PassportView)passport.State).EmergencyContacts.Any(c => c.Id == contactId))
        {
            throw PassportException.Invalid("contactId", "contactId names no current emergency contact of this passport.");
        }
    }

    public static Guid ContactId(IResolveFieldContext c) =>
        Guid.TryParse(c.GetArgument<string>("contactId"), out var parsed) ? parsed : throw PassportException.Invalid("contactId", "contactId must be the id of an emergency contact.");
}

internal static class EmergencyContactMutations
{
    public static void Define(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<PassportGraphType>>("addEmergencyContact")
            .Description("Adds a person to contact in an emergency (the family; health or social care).")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<ContactInputGraphType>>("input")
            .ResolveAsync(async c => await c.ChangePassportAsync(new AddEmergencyContact(
                InputRules.PassportId(c.GetArgument<string>("passportId")), ContactDetails.From(c.GetArgument<ContactInput>("input")))));

        mutation.Field<NonNullGraphType<PassportGraphType>>("amendEmergencyContact")
            .Description("Corrects an emergency contact.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<IdGraphType>>("contactId")
            .Argument<NonNullGraphType<ContactInputGraphType>>("input")
            .ResolveAsync(async c => await c.ChangePassportAsync(new AmendEmergencyContact(
                InputRules.PassportId(c.GetArgument<string>("passportId")), EmergencyContactRules.ContactId(c), ContactDetails.From(c.GetArgument<ContactInput>("input")))));

        mutation.Field<NonNullGraphType<PassportGraphType>>("removeEmergencyContact")
            .Description("Removes an emergency contact (the history keeps it).")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<IdGraphType>>("contactId")
            .ResolveAsync(async c => await c.ChangePassportAsync(new RemoveEmergencyContact(
                InputRules.PassportId(c.GetArgument<string>("passportId")), EmergencyContactRules.ContactId(c))));
    }
}

/// <summary>An emergency contact was added.</summary>
public sealed record EmergencyContactAdded(
    Guid ContactId,
    string Name,
    string Relationship,
    bool HasParentalResponsibility,
    string Phone,
    int PreferredOrder,
    Provenance RecordedBy) : IPassportEvent, IPassportItemEvent
{
    public string? FieldGroup => "contacts.emergency";

    public Guid ItemId => ContactId;
}

/// <summary>An emergency contact was corrected.</summary>
public sealed record EmergencyContactAmended(
    Guid ContactId,
    string Name,
    string Relationship,
    bool HasParentalResponsibility,
    string Phone,
    int PreferredOrder,
    Provenance RecordedBy) : IPassportEvent, IPassportItemEvent
{
    public string? FieldGroup => "contacts.emergency";

    public Guid ItemId => ContactId;
}

/// <summary>An emergency contact was removed.</summary>
public sealed record EmergencyContactRemoved(Guid ContactId, Provenance RecordedBy) : IPassportEvent, IPassportItemEvent
{
    public string? FieldGroup => "contacts.emergency";

    public Guid ItemId => ContactId;
}
