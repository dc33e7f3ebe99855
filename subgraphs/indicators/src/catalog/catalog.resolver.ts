import { Query, Resolver } from "type-graphql";
import { ALL_DIMENSIONS, type AnyDimension, BREAKDOWN_CODES } from "../observation/breakdown";
import { NATURE_LABELS } from "../observation/nature";
import { SDMX_CODES } from "../publishing/formats";
import { UNIT_RULES } from "../publishing/units";
import { type BreakdownCode, BreakdownDimensionInfo, ObservationNatureCode, UnitOfMeasure } from "./catalog.types";

/** Labels of the dimensions; a dimension without one here is labelled by its name. */
const DIMENSION_LABELS: Partial<Record<AnyDimension, string>> = {
  age: "Age group",
  location: "Urban or rural location",
  sex: "Sex",
  speed: "Fixed-broadband speed",
  skill: "Type of ICT skill",
  educationLevel: "Education level",
};

/** The hub's codes of a dimension with their labels and SDMX codes (the import's mapping, read backwards), total first. */
export function breakdownDimensionInfo(dimension: AnyDimension): BreakdownDimensionInfo {
  const { total, labels } = BREAKDOWN_CODES[dimension];
  const { column, codes: sdmxCodes } = SDMX_CODES[dimension];
  const sdmxOf = (code: string): string => {
    if (code === total) return "_T";
    const found = sdmxCodes ? Object.entries(sdmxCodes).find(([, hub]) => hub === code) : undefined;
    return found ? found[0] : code;
  };
  const codes = Object.entries(labels).map(([code, label]) => ({
    code,
    label,
    sdmxCode: sdmxOf(code),
    isTotal: code === total,
  }));
  // Codes the SDMX-CSV import maps that have no label (URBAN, RURAL): labelled by their code, in sentence case.
  for (const [sdmxCode, code] of Object.entries(sdmxCodes ?? {})) {
    if (code !== "" && !codes.some((c) => c.code === code))
      codes.push({ code, label: code.charAt(0) + code.slice(1).toLowerCase(), sdmxCode, isTotal: false });
  }
  // A dimension without a total in the data (type of skill, education level) lists no total code: every figure names one.
  codes.sort((a, b) => Number(b.isTotal) - Number(a.isTotal));
  return {
    name: dimension,
    label: DIMENSION_LABELS[dimension] ?? dimension,
    sdmxConcept: column,
    codes: codes as BreakdownCode[],
  };
}

/** The code lists of the hub (dimensions, natures, units): what SDMX structures and other exchange formats are built from. */
@Resolver()
export class CatalogResolver {
  @Query(() => [BreakdownDimensionInfo], {
    description:
      "Every breakdown dimension of the hub with its label, its SDMX concept and its codes (labels and SDMX codes)",
  })
  breakdownDimensions(): BreakdownDimensionInfo[] {
    return ALL_DIMENSIONS.map(breakdownDimensionInfo);
  }

  @Query(() => [ObservationNatureCode], {
    description: "The nature codes an observation may carry (Observation.nature), with their labels",
  })
  observationNatures(): ObservationNatureCode[] {
    return Object.entries(NATURE_LABELS).map(([code, label]) => ({ code, label }));
  }

  @Query(() => [UnitOfMeasure], {
    description: "The units of the hub's indicators, with the unit code stored and the SDMX UNIT_MEASURE code",
  })
  unitsOfMeasure(): UnitOfMeasure[] {
    return UNIT_RULES.map((r) => ({ unit: r.unit, code: r.code, sdmxCode: r.sdmx }));
  }
}
