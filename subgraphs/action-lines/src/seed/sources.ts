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
    note: "Heading of action line C7, which the derived table lists only through its sub-lines. The Plan of Action texts were checked against primary copies of their openings where found (data/plan_of_action_checks.csv; each line's planOfActionNote); this page itself could not be read",
  },
  matrix: {
    id: "wsis-sdg-matrix",
    title:
      "WSIS–SDG Matrix: Linking WSIS Action Lines with Sustainable Development Goals — elaborated by the UN WSIS Action Line Facilitators, coordinated by ITU (WSIS Forum 2015)",
    publisher: "International Telecommunication Union (WSIS Secretariat), with the UN WSIS Action Line Facilitators",
    url: "https://www.itu.int/net4/wsis/sdg/",
    licence:
      "© ITU, all rights reserved; no open licence found (ITU permits attributed excerpts; other reuse needs ITU's permission)",
    note: "Presented at the WSIS Forum 2015 (25–29 May 2015) and welcomed by UNGIS; open for comments until 31 July 2015, to be finalized after the SDGs' adoption; ITU calls it a living document (the date of the version transcribed is not known). The hub's copy is the transcription of the UWI AgriNeTT ICT4SDG app, made in cooperation with the WSIS Secretariat (github.com/uwidcit/WSIS-SDG-Matrix @ 09aad16b3103864cb8bf5cc47a5119035a5937a7, 2017–2019, no licence declared): Plan of Action texts and matrix links with rationale; goals of 22 links corrected from their target codes (see note on each link)",
  },
  facilitators: {
    id: "tunis-agenda-facilitators-unverified",
    title: "Action-line facilitators, as recalled from the Tunis Agenda annex (2005) — UNVERIFIED",
    publisher: null,
    url: null,
    licence: "n/a",
    note: "Written from memory of the Tunis Agenda annex and not checked against its text (no stored copy of the annex could be read). A facilitation keeps this source, and verified=false, unless a primary source's words state it: then that document is its source and evidence (data/facilitator_evidence.csv).",
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
