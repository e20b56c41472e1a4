using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Replies.Workflows.Rules;

/// <summary>A working-day count and whether it rests on the published calendar or on weekends alone.</summary>
/// <param name="Date">The resulting date.</param>
/// <param name="Estimated">True when some day counted lies in a year without a published calendar (weekends only).</param>
public readonly record struct WorkingDate(DateOnly Date, bool Estimated);

/// <summary>
/// China's working days: weekends off, public holidays off, adjusted working weekends (调休) on. The data is one file a
/// year from the State Council's notice; a year without one is computed on weekends alone and flagged as estimated.
/// </summary>
public sealed class WorkingDayCalendar
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<int, YearData> _years;

    /// <summary>Creates a calendar from year files.</summary>
    public WorkingDayCalendar(IEnumerable<YearData> years) => _years = years.ToDictionary(y => y.Year);

    /// <summary>The years with a published calendar.</summary>
    public IReadOnlyCollection<int> KnownYears => _years.Keys;

    /// <summary>The calendar shipped with Replies (embedded <c>Rules/Calendar/YYYY.json</c>).</summary>
    public static WorkingDayCalendar Shipped { get; } = LoadShipped();

    /// <summary>Whether the date's year has a published calendar.</summary>
    public bool IsKnown(DateOnly date) => _years.ContainsKey(date.Year);

    /// <summary>Whether people work on this date.</summary>
    public bool IsWorkingDay(DateOnly date)
    {
        if (_years.TryGetValue(date.Year, out var year))
        {
            if (year.Holidays.Contains(date))
            {
                return false;
            }

            if (year.WorkingWeekends.Contains(date))
            {
                return true;
            }
        }

        return date.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday;
    }

    /// <summary>
    /// The date <paramref name="days"/> working days after <paramref name="start"/> (the start itself not counted),
    /// as a window "within N working days" of an event is read.
    /// </summary>
    public WorkingDate AddWorkingDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var estimated = !IsKnown(start);
        var date = start;
        while (days > 0)
        {
            date = date.AddDays(1);
            estimated |= !IsKnown(date);
            if (IsWorkingDay(date))
            {
                days--;
            }
        }

        return new WorkingDate(date, estimated);
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }

    private static WorkingDayCalendar LoadShipped()
    {
        var assembly = typeof(WorkingDayCalendar).Assembly;
        var years = assembly.GetManifestResourceNames()
            .Where(n => n.Contains(".Calendar.", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => Parse(assembly, n))
            .ToList();
        return new WorkingDayCalendar(years);
    }

    private static YearData Parse(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        var file = JsonSerializer.Deserialize<YearFile>(stream, JsonOptions)
            ?? throw new InvalidDataException($"Calendar {resource} is empty.");
        static HashSet<DateOnly> Dates(IEnumerable<string> values) =>
            values.Select(v => DateOnly.ParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToHashSet();
        var data = new YearData(file.Year, Dates(file.Holidays), Dates(file.WorkingWeekends));
        if (data.Holidays.Concat(data.WorkingWeekends).Any(d => d.Year != file.Year))
        {
            throw new InvalidDataException($"Calendar {resource} lists a date outside {file.Year}.");
        }

        return data;
    }

    private sealed record YearFile(int Year, string Source, string[] Holidays, string[] WorkingWeekends);
}

/// <summary>One year's published holidays and adjusted working weekends.</summary>
public sealed record YearData(int Year, IReadOnlySet<DateOnly> Holidays, IReadOnlySet<DateOnly> WorkingWeekends);
