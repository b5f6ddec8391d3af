namespace Cms.Api.Data.Entities;

/// <summary>Roles in rising order of power: each may do all that the ones before it may.</summary>
public enum UserRole
{
    Author = 1,
    Editor = 2,
    Admin = 3,
}
