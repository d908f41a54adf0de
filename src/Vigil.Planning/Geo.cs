namespace Vigil.Planning;

/// <summary>Great-circle distances as the spec counts them.</summary>
public static class Geo
{
    /// <summary>The Earth's radius used by the spec, in kilometres.</summary>
    public const double EarthRadiusKm = 6371.0;

    /// <summary>
    /// The haversine distance between two points in whole kilometres, rounded half up
    /// (<c>floor(d + 0.5)</c>), exactly as the reference validator computes it.
    /// </summary>
    /// <param name="lat1">Latitude of the first point, degrees.</param>
    /// <param name="lon1">Longitude of the first point, degrees.</param>
    /// <param name="lat2">Latitude of the second point, degrees.</param>
    /// <param name="lon2">Longitude of the second point, degrees.</param>
    public static int Kilometres(double lat1, double lon1, double lat2, double lon2)
    {
        // Same operation order as the Python reference, so that ties round the same way.
        const double degToRad = Math.PI / 180.0; // Python's math.radians multiplies by this constant.
        var la1 = lat1 * degToRad;
        var lo1 = lon1 * degToRad;
        var la2 = lat2 * degToRad;
        var lo2 = lon2 * degToRad;
        var h = Math.Pow(Math.Sin((la2 - la1) / 2), 2) + (Math.Cos(la1) * Math.Cos(la2) * Math.Pow(Math.Sin((lo2 - lo1) / 2), 2));
        var d = 2 * EarthRadiusKm * Math.Asin(Math.Sqrt(h));
        return (int)Math.Floor(d + 0.5);
    }

    /// <summary>The distance between two sites in whole kilometres; see <see cref="Kilometres(double, double, double, double)"/>.</summary>
    /// <param name="a">One site.</param>
    /// <param name="b">The other site.</param>
    public static int Kilometres(Site a, Site b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Kilometres(a.Latitude, a.Longitude, b.Latitude, b.Longitude);
    }
}
