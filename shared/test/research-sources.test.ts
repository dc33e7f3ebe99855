import { ResearchSources, titleSlug } from "../src/provenance/research-sources";

describe("the sources of a research file's rows", () => {
  it("slugs a title, leaving out its last (possibly cut) word", () => {
    expect(
      titleSlug(
        "Media Advisory: WSIS Forum 2022 highlights technologies for resilience, inclusion, and well-being (ITU, 24 May 2022)",
      ),
    ).toBe("media-advisory-wsis-forum-2022-highlights-technologies-for");
    expect(titleSlug("ITU Media Advisory, 24 May 2022")).toBe("itu-media-advisory-24-may");
  });

  it("gives one source per URL, and refuses two URLs that would share an id", () => {
    const sources = new ResearchSources("prize", ({ url }) => `read at ${url}`);
    expect(sources.idOf("https://a.example/1", "A web page", "row 1")).toBe("prize-a-web");
    expect(sources.idOf("https://a.example/1", "A web page", "row 2")).toBe("prize-a-web");
    expect(sources.all()).toEqual([
      {
        id: "prize-a-web",
        title: "A web page",
        publisher: null,
        url: "https://a.example/1",
        licence: "not stated; quoted as evidence",
        note: "read at https://a.example/1",
      },
    ]);
    expect(() => sources.idOf("https://b.example/2", "A web page", "row 3")).toThrow(
      /row 3: sources https:\/\/a.example\/1 and https:\/\/b.example\/2 get the same id prize-a-web/,
    );
    expect(() => sources.idOf("", "No address", "row 4")).toThrow(/row 4: no source URL/);
  });
});
