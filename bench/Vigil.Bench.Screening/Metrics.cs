using System.Globalization;

namespace Vigil.Bench.Screening;

/// <summary>Precision, recall and F1 from counts.</summary>
internal readonly record struct Metrics(int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public string Row(string dataSet, double threshold, string extra = "") => string.Create(CultureInfo.InvariantCulture,
        $"| {dataSet} | {threshold:0.00} | {Precision:0.000} | {Recall:0.000} | {F1:0.000} | {TruePositives} | {FalsePositives} | {FalseNegatives} | {extra} |");

    public const string Header = "| data set | threshold | precision | recall | F1 | TP | FP | FN | notes |\n|---|---|---|---|---|---|---|---|---|";
}
