import type { SourceRow } from "@wsis/shared";

/** The sources the seed takes its records from (see data/SOURCES.md). */
export const SOURCES = {
  actionLines: {
    id: "wsis-action-lines",
    title: "WSIS action lines (C1–C11, C7 sub-lines): headings as listed on the ITU WSIS pages",
    publisher: "International Telecommunication Union",
    url: "https://www.itu.int/net4/wsis/forum/2025/Home/ActionLines",
    licence: "public information",
    note: "Derived table wsis_action_lines.csv of the project handouts",
  },
  genevaPlan: {
    id: "geneva-plan-of-action",
    title: "WSIS Geneva Plan of Action (WSIS-03/GENEVA/DOC/5-E), 12 December 2003",
    publisher: "World Summit on the Information Society",
    url: "https://www.itu.int/net/wsis/docs/geneva/official/poa.html",
    licence: "public information",
    note: "Heading of action line C7, which the derived table lists only through its sub-lines",
  },
  matrix: {
    id: "wsis-sdg-matrix",
    title: "WSIS–SDG Matrix (ITU, with UN agencies), as transcribed by the ICT4SDG app",
    publisher: "International Telecommunication Union; transcription: University of the West Indies (uwidcit/WSIS-SDG-Matrix)",
    url: "https://github.com/uwidcit/WSIS-SDG-Matrix/blob/09aad16b3103864cb8bf5cc47a5119035a5937a7/src/assets/data/en/actions.json",
    licence: "none declared (reference copy of ITU material)",
    note: "2017 third-party transcription; Plan of Action texts and matrix links with rationale; goals of 22 links corrected from their target codes (see note on each link)",
  },
  facilitators: {
    id: "tunis-agenda-facilitators-unverified",
    title: "Action-line facilitators, as recalled from the Tunis Agenda annex (2005) — UNVERIFIED",
    publisher: null,
    url: null,
    licence: "n/a",
    note: "Written from memory of the Tunis Agenda annex and not checked against its text; facilitations carry verified=false. Partial evidence is given on each facilitation where found.",
  },
  sdgTitles: {
    id: "open-sdg-translations",
    title: "Official English titles of SDG goals, targets and indicators (open-sdg/sdg-translations)",
    publisher: "Open SDG",
    url: "https://github.com/open-sdg/sdg-translations/tree/0cda585851a5c6f04040a9a2755fbb4496c4eead/translations/en",
    licence: "MIT",
    note: "Indicator status (deleted in the 2020 review) and UNSD series codes (2023) added in the derived table; changes of the 2025 comprehensive review are not reflected",
  },
  resolution71313: {
    id: "a-res-71-313-2022",
    title: "Global indicator framework for the SDGs, A/RES/71/313 annex, as refined in 2022",
    publisher: "United Nations General Assembly / UN Statistical Commission",
    url: "https://unstats.un.org/sdgs/indicators/indicators-list/",
    licence: "public information",
    note: "Title of indicator 11.5.3, typed from the annex",
  },
  agencies: {
    id: "un-system-organizations",
    title: "Official names of UN system organizations (UN System Chart and the organizations' websites)",
    publisher: "United Nations",
    url: "https://www.un.org/en/about-us/un-system",
    licence: "public information",
    note: null,
  },
} satisfies Record<string, SourceRow>;
