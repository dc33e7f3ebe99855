/**
 * Joins the map's shapes (Natural Earth 1:50m via `world-atlas`: ids are ISO 3166 numeric codes, which are the UN M49
 * codes of countries, zero-padded) to the hub's economies by M49.
 *
 * Five shapes have no ISO code. Kosovo is an economy of the hub (XKX, M49 412 in the UNSD database) and is joined by
 * name. Somaliland and Northern Cyprus are, for the UN, parts of Somalia (706) and Cyprus (196): they are coloured as
 * those economies, as on UN maps. The Australian "Indian Ocean Territories" shape (Christmas Island, 162, and the Cocos
 * (Keeling) Islands, 166, drawn as one) and the Siachen Glacier have no single economy: they are drawn as
 * "not an economy of the hub". Economies without a shape of their own (Tuvalu, Tokelau, Gibraltar; and French Guiana,
 * Guadeloupe, Martinique, Mayotte and Réunion, which Natural Earth's admin-0 "France" contains, so they take France's
 * colour) are listed in the data table and the CSV but not drawn.
 */

export interface ShapeRef {
  id?: string | number;
  properties?: { name?: string } | null;
}

/** The economy a shape without an ISO code stands for (by the shape's name), or none. */
export const UNNUMBERED_SHAPES: Readonly<Record<string, { m49?: string; note: string }>> = {
  Kosovo: { m49: "412", note: "Kosovo (UNSD M49 412, the hub's XKX)" },
  Somaliland: { m49: "706", note: "part of Somalia for the UN" },
  "N. Cyprus": { m49: "196", note: "part of Cyprus for the UN" },
  "Indian Ocean Ter.": { note: "Christmas Island and the Cocos (Keeling) Islands, one shape: not one economy" },
  "Siachen Glacier": { note: "disputed area: not an economy" },
};

/** The M49 code a shape is coloured by (zero-padded), or undefined when it stands for no economy. */
export function shapeM49(shape: ShapeRef): string | undefined {
  if (shape.id !== undefined && shape.id !== null && shape.id !== "") return String(shape.id).padStart(3, "0");
  return UNNUMBERED_SHAPES[shape.properties?.name ?? ""]?.m49;
}

export interface Joined<S extends ShapeRef, O> {
  shape: S;
  m49?: string;
  observation?: O;
}

/**
 * Each shape with the observation of its economy (by zero-padded M49); `inRange` hides observations outside the chosen
 * years (those shapes are then drawn as "no data in the range").
 */
export function joinShapes<S extends ShapeRef, O extends { economy?: { m49: string } | null }>(
  shapes: readonly S[],
  observations: readonly O[],
  inRange: (o: O) => boolean = () => true,
): Array<Joined<S, O>> {
  const byM49 = new Map<string, O>();
  for (const o of observations) if (o.economy) byM49.set(o.economy.m49.padStart(3, "0"), o);
  return shapes.map((shape) => {
    const m49 = shapeM49(shape);
    const observation = m49 === undefined ? undefined : byM49.get(m49);
    return { shape, m49, observation: observation && inRange(observation) ? observation : undefined };
  });
}

/** The economies (by M49) that have a value but no shape on the map: listed, not drawn. */
export function economiesWithoutShape<O extends { economy?: { m49: string } | null }>(
  shapes: readonly ShapeRef[],
  observations: readonly O[],
): O[] {
  const drawn = new Set(shapes.map(shapeM49).filter((m): m is string => m !== undefined));
  return observations.filter((o) => o.economy && !drawn.has(o.economy.m49.padStart(3, "0")));
}
