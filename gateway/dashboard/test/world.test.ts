import { createRequire } from "node:module";
import path from "node:path";
import { economiesWithoutShape, joinShapes, shapeM49, UNNUMBERED_SHAPES } from "../src/world";

const require = createRequire(path.join(__dirname, "package.json"));
interface Geometry {
  id?: string;
  properties: { name: string };
}
const world = require("world-atlas/countries-50m.json") as { objects: { countries: { geometries: Geometry[] } } };
const shapes = world.objects.countries.geometries;

describe("joining Natural Earth shapes to economies by M49", () => {
  it("every shape without an ISO code is accounted for, by name", () => {
    const unnumbered = shapes
      .filter((s) => s.id === undefined)
      .map((s) => s.properties.name)
      .sort();
    expect(unnumbered).toEqual(Object.keys(UNNUMBERED_SHAPES).sort());
  });

  it("zero-pads ids, joins Kosovo by name and colours Somaliland and Northern Cyprus as Somalia and Cyprus", () => {
    const byName = (name: string) => shapes.find((s) => s.properties.name === name)!;
    expect(shapeM49({ id: 4, properties: { name: "Afghanistan" } })).toBe("004");
    expect(shapeM49(byName("Kenya"))).toBe("404");
    expect(shapeM49(byName("Kosovo"))).toBe("412");
    expect(shapeM49(byName("Somaliland"))).toBe("706");
    expect(shapeM49(byName("N. Cyprus"))).toBe("196");
    expect(shapeM49(byName("Siachen Glacier"))).toBeUndefined();
    expect(shapeM49(byName("Indian Ocean Ter."))).toBeUndefined();
  });

  it("gives each shape its economy's observation, hides those outside the years, and lists economies without a shape", () => {
    const kenya = shapes.find((s) => s.id === "404")!;
    const somalia = shapes.find((s) => s.id === "706")!;
    const somaliland = shapes.find((s) => s.properties.name === "Somaliland")!;
    const observations = [
      { economy: { m49: "404" }, year: 2021 },
      { economy: { m49: "706" }, year: 2012 },
      { economy: { m49: "798" }, year: 2020 }, // Tuvalu: no shape at 1:50m
    ];
    const joined = joinShapes([kenya, somalia, somaliland], observations, (o) => o.year >= 2015);
    expect(joined.map((j) => [j.m49, j.observation?.year])).toEqual([
      ["404", 2021],
      ["706", undefined],
      ["706", undefined],
    ]);
    expect(economiesWithoutShape(shapes, observations).map((o) => o.economy.m49)).toEqual(["798"]);
  });
});
