namespace Grassroots;

/// <summary>
/// Marker for the one shared string table (Resources/SharedResource.es.resx). Keys are the
/// English text, so English needs no table and a missing translation falls back to English.
/// </summary>
public sealed class SharedResource;
