import type { SourceRow } from "@wsis/shared";

/** The sources the seed takes its records from (see data/SOURCES.md). */
export const SOURCES = {
  roadmap: {
    id: "itu-council-2022-wsis20-roadmap",
    title:
      "World Summit on the Information Society (WSIS)+20: WSIS beyond 2025 — WSIS+20 roadmap. Report by the " +
      "Secretary-General to the ITU Council 2022 (the roadmap on the role of ITU in the WSIS+20 review process)",
    publisher: "International Telecommunication Union (ITU Council 2022)",
    url: "https://dig.watch/resource/report-by-the-secretary-general-world-summit-on-the-information-society-wsis20-wsis-beyond-2025wsis20-roadmap",
    licence: "none declared (public ITU Council document)",
    note:
      "Text as in the project handouts (data/itu-council-2022-wsis20-roadmap.txt); the URL is a public copy of the " +
      "document. The ITU document number is not recorded. Catalogue lines, template names and the quotes on links are " +
      "verbatim; titles of the action-line and stakeholder reports are composed from the catalogue line and the party.",
  },
  actionLines: {
    id: "wsis-action-lines",
    title: "WSIS action lines (C1–C11, C7 sub-lines): headings as listed on the ITU WSIS pages",
    publisher: "International Telecommunication Union",
    url: "https://www.itu.int/net4/wsis/forum/2025/Home/ActionLines",
    licence: "public information",
    note: "Derived table wsis_action_lines.csv of the project handouts: the codes of C7's eight sub-lines, which the C7 review covers",
  },
  facilitators: {
    id: "tunis-agenda-facilitators-unverified",
    title: "Action-line facilitators, as recalled from the Tunis Agenda annex (2005) — UNVERIFIED",
    publisher: null,
    url: null,
    licence: "n/a",
    note:
      "Written from memory of the Tunis Agenda annex and not checked against its text (column " +
      "facilitators_tunis_annex_UNVERIFIED of wsis_action_lines.csv); the action-line reviews take their coordinators " +
      "from it, with verified=false.",
  },
} satisfies Record<string, SourceRow>;
