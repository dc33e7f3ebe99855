/**
 * Labels of the "nature" codes of the UN Global SDG Indicators Database (its metadata glossary,
 * https://unstats.un.org/sdgs/dataportal — "Nature" of a data point). The files carry the codes in lower case.
 */
export const NATURE_LABELS: Record<string, string> = {
  C: "Country data",
  CA: "Country adjusted data",
  E: "Estimated data",
  G: "Global monitoring data",
  M: "Modelled data",
  N: "Non-relevant",
  NA: "Not available",
};
