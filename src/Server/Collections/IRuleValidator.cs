namespace PocketBaseSharp.Server.Collections;

/// <summary>Compiles a rule for a collection being saved; returns the error text or null when it compiles.</summary>
public interface IRuleValidator
{
    string? RuleError(string rule, Collection collection);
}
