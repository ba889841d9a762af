using GraphQL.Types;
using Passport.Sdk;

namespace Passport.Core.Passports;

public sealed class CreatePassportInput
{
    public string GivenName { get; set; } = "";
    public string FamilyName { get; set; } = "";
    public string? PreferredName { get; set; }
    public DateOnly DateOfBirth { get; set; }
    public string? NhsNumber { get; set; }
    public string LocalAuthority { get; set; } = "";
}

public sealed class CreatePassportInputGraphType : InputObjectGraphType<CreatePassportInput>
{
    public CreatePassportInputGraphType()
    {
        Name = "CreatePassportInput";
        Field<NonNullGraphType<StringGraphType>>("givenName");
        Field<NonNullGraphType<StringGraphType>>("familyName");
        Field<StringGraphType>("preferredName");
        Field<NonNullGraphType<DateScalar>>("dateOfBirth");
        Field<StringGraphType>("nhsNumber").Description("Ten digits, with or without spaces; Modulus-11 checked.");
        Field<NonNullGraphType<StringGraphType>>("localAuthority").Description("ONS code of the child's home local authority, e.g. E06000052.");
    }
}

public sealed class ChildDetailsInput
{
    public string GivenName { get; set; } = "";
    public string FamilyName { get; set; } = "";
    public string? PreferredName { get; set; }
    public DateOnly DateOfBirth { get; set; }
    public string? Pronouns { get; set; }
    public string? FirstLanguage { get; set; }
    public bool? InterpreterNeeded { get; set; }
    public string? PhotoReference { get; set; }
    public string LocalAuthority { get; set; } = "";
}

public sealed class ChildDetailsInputGraphType : InputObjectGraphType<ChildDetailsInput>
{
    public ChildDetailsInputGraphType()
    {
        Name = "ChildDetailsInput";
        Description = "The child's basic details, all replaced together.";
        Field<NonNullGraphType<StringGraphType>>("givenName");
        Field<NonNullGraphType<StringGraphType>>("familyName");
        Field<StringGraphType>("preferredName");
        Field<NonNullGraphType<DateScalar>>("dateOfBirth");
        Field<StringGraphType>("pronouns");
        Field<StringGraphType>("firstLanguage");
        Field<BooleanGraphType>("interpreterNeeded");
        Field<StringGraphType>("photoReference").Description("A reference to the child's photo in the region's document store; never the image itself.");
        Field<NonNullGraphType<StringGraphType>>("localAuthority").Description("ONS code of the child's home local authority.");
    }
}

public sealed class AboutMeInput
{
    public string? Communication { get; set; }
    public string? ImportantToMe { get; set; }
    public string? Likes { get; set; }
    public string? Dislikes { get; set; }
    public string? WhatUpsetsMe { get; set; }
    public string? HowToHelpMe { get; set; }
    public string? HowIShowPain { get; set; }
    public string? MustKnow { get; set; }
}

public sealed class AboutMeInputGraphType : InputObjectGraphType<AboutMeInput>
{
    public AboutMeInputGraphType()
    {
        Name = "AboutMeInput";
        Field<StringGraphType>("communication");
        Field<StringGraphType>("importantToMe");
        Field<StringGraphType>("likes");
        Field<StringGraphType>("dislikes");
        Field<StringGraphType>("whatUpsetsMe");
        Field<StringGraphType>("howToHelpMe");
        Field<StringGraphType>("howIShowPain");
        Field<StringGraphType>("mustKnow");
    }
}

public sealed class ContactInput
{
    public string Name { get; set; } = "";
    public string Relationship { get; set; } = "";
    public bool ParentalResponsibility { get; set; }
    public string Phone { get; set; } = "";
    public int? PreferredOrder { get; set; }
}

public sealed class ContactInputGraphType : InputObjectGraphType<ContactInput>
{
    public ContactInputGraphType()
    {
        Name = "ContactInput";
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<StringGraphType>>("relationship");
        Field<NonNullGraphType<BooleanGraphType>>("parentalResponsibility");
        Field<NonNullGraphType<StringGraphType>>("phone");
        Field<IntGraphType>("preferredOrder");
    }
}
