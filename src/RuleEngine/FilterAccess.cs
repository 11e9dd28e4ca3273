namespace PocketBaseSharp.RuleEngine;

/// <summary>Who wrote the expression being compiled; decides what it may reach.</summary>
public enum FilterAccess
{
    /// <summary>An API rule: everything is allowed and joined collections' rules are ignored.</summary>
    Rule,

    /// <summary>A superuser's <c>filter</c>/<c>sort</c>: like <see cref="Rule"/>.</summary>
    SuperuserFilter,

    /// <summary>
    /// A non-superuser's <c>filter</c>/<c>sort</c>: hidden fields are errors, joined collections must be
    /// listable (their ListRule is added), an auth collection's <c>email</c> requires emailVisibility.
    /// </summary>
    ClientFilter,
}
