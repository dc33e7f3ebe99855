import type { SourceRow } from "@wsis/shared";

const RESEARCH_NOTE =
  "Read by the project's research (data/outcome_decisions.csv) in a stored copy; not fetched by the hub at run time.";

/** The sources the seed takes its records from (see data/SOURCES.md); the keys are those data/review-outcome.yaml names. */
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
  "itu-ungis-article-1213": {
    id: "itu-ungis-article-1213",
    title: "WSIS+20 Review - 20 Years of the implementation of the WSIS Process (UNGIS article, ITU)",
    publisher: "International Telecommunication Union (UNGIS secretariat)",
    url: "https://www.itu.int/net4/wsis/ungis/Articles/View/1213",
    licence: "public information",
    note: `"The Outcome Document (A/RES/80/173) ... was adopted by consensus on 17 December 2025"; quotes paragraphs 67 and 113. ${RESEARCH_NOTE}`,
  },
  "un-press-ga-12746": {
    id: "un-press-ga-12746",
    title: "GA/12746 - UN Meetings Coverage and Press Releases (General Assembly, December 2025)",
    publisher: "United Nations",
    url: "https://press.un.org/en/2025/ga12746.doc.htm",
    licence: "public information",
    note: `"The General Assembly today adopted, without a vote, the outcome document ... (document A/80/L.41)". ${RESEARCH_NOTE}`,
  },
  "undesa-wsis20-secretariat": {
    id: "undesa-wsis20-secretariat",
    title: "WSIS+20 Secretariat (UN DESA) - table of actions requested by A/RES/80/173",
    publisher: "United Nations Department of Economic and Social Affairs",
    url: "https://publicadministration.desa.un.org/fr/node/3375",
    licence: "public information",
    note: `A summary "for guidance purposes only" of what the resolution requests. ${RESEARCH_NOTE}`,
  },
} satisfies Record<string, SourceRow>;

export type SourceKey = keyof typeof SOURCES;

export function isSourceKey(key: string): key is SourceKey {
  return Object.prototype.hasOwnProperty.call(SOURCES, key);
}
