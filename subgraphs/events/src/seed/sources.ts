import type { SourceRow } from "@wsis/shared";

const PUBLIC_RECORD_NOTE = "Public record read by the hub's authors; not fetched by the hub at run time.";
const RESEARCH_NOTE =
  "Read by the project's research (data/events_after_2025.csv) in a stored copy; not fetched by the hub at run time.";

/**
 * The sources the seed takes its records from (see data/SOURCES.md). The keys are the names that data/roadmap.yaml and
 * data/after-2025.yaml use (`source:`, `datesSource:`, `locationSource:`, `statusSource:`); every key but `roadmap`
 * equals the source id.
 */
export const SOURCES = {
  roadmap: {
    id: "itu-council-2022-wsis20-roadmap",
    title:
      "ITU Council 2022 — Report by the Secretary-General: World Summit on the Information Society (WSIS)+20: WSIS beyond 2025 — WSIS+20 roadmap (the role of ITU in the WSIS+20 Review process and its preparations)",
    publisher: "International Telecommunication Union (General Secretariat)",
    url: "https://dig.watch/resource/report-by-the-secretary-general-world-summit-on-the-information-society-wsis20-wsis-beyond-2025wsis20-roadmap",
    licence: "public information (ITU Council document)",
    note: "The seed of the hub: data/itu-council-2022-wsis20-roadmap.txt. Its document number is not part of the text; the URL is a public listing of the report. Dates in its timeline are plans as of early 2022.",
  },
  "igf-2021-wsis-forum-2022-ocp": {
    id: "igf-2021-wsis-forum-2022-ocp",
    title: "IGF 2021 Open Forum #30 “WSIS Action Lines Achieving the SDGs: WSIS Forum 2022 OCP” (transcript)",
    publisher: "Internet Governance Forum",
    url: "https://intgovforum.org/en/content/igf-2021-%E2%80%93-day-2-%E2%80%93-of-30-wsis-action-lines-achieving-the-sdgs-wsis-forum-2022-ocp",
    licence: "public information",
    note: `The moderator presents ITU, UNESCO, UNDP and UNCTAD as the co-organizers of the WSIS Forum 2022. ${PUBLIC_RECORD_NOTE}`,
  },
  "itu-wsis-forum-2022-final-week": {
    id: "itu-wsis-forum-2022-final-week",
    title:
      "ITU media advisory, 24 May 2022: WSIS Forum 2022 highlights technologies for resilience, inclusion, and well-being",
    publisher: "International Telecommunication Union",
    url: "https://www.itu.int/en/mediacentre/Pages/MA-2022-05-24-WSIS-Registration.aspx",
    licence: "public information",
    note: `Final week 30 May – 3 June 2022 at ITU Headquarters, Geneva, with remote and in-person participation, concluding 11 weeks of sessions. ${PUBLIC_RECORD_NOTE}`,
  },
  "itu-wsis-forum-2023": {
    id: "itu-wsis-forum-2023",
    title: "WSIS Forum 2023 (ITU website)",
    publisher: "International Telecommunication Union",
    url: "https://www.itu.int/net4/wsis/forum/2023/",
    licence: "public information",
    note: `Held 13–17 March 2023 at the CICG, Geneva, with remote participation; organized by ITU, UNESCO, UNDP and UNCTAD. ${PUBLIC_RECORD_NOTE}`,
  },
  "itu-wsis20-forum-2024": {
    id: "itu-wsis20-forum-2024",
    title: "WSIS+20 Forum High-Level Event 2024 (ITU website)",
    publisher: "International Telecommunication Union",
    url: "https://www.itu.int/net4/wsis/forum/2024/en",
    licence: "public information",
    note: `27–31 May 2024, co-organized by ITU, UNESCO, UNDP and UNCTAD and co-hosted by ITU and the Swiss Confederation, with remote participation; Geneva. ${PUBLIC_RECORD_NOTE}`,
  },
  "itu-wsis20-hle-2025": {
    id: "itu-wsis20-hle-2025",
    title: "WSIS+20 High-Level Event 2025: highlights and outcomes (ITU website)",
    publisher: "International Telecommunication Union",
    url: "https://www.itu.int/net4/wsis/forum/2025/Home/Outcomes",
    licence: "public information",
    note: `Held 7–11 July 2025 at Palexpo, Geneva; co-hosted by ITU and the Swiss Confederation and co-organized with ITU, UNESCO, UNDP and UNCTAD. ${PUBLIC_RECORD_NOTE}`,
  },
  "itu-wtdc-2022-media-advisory": {
    id: "itu-wtdc-2022-media-advisory",
    title: "ITU media advisory, 16 May 2022: World Telecommunication Development Conference, 6-16 June 2022",
    publisher: "International Telecommunication Union",
    url: "https://www.itu.int/en/mediacentre/Pages/MA-2022-05-16-WTDC-Registration.aspx",
    licence: "public information",
    note: `ITU hosts its World Telecommunication Development Conference in Kigali, Rwanda, 6–16 June 2022; normally held every four years. ${PUBLIC_RECORD_NOTE}`,
  },
  "itu-wtdc-2022-opening": {
    id: "itu-wtdc-2022-opening",
    title: "ITU press release, 6 June 2022: ITU World Telecommunication Development Conference opens in Kigali, Rwanda",
    publisher: "International Telecommunication Union",
    url: "https://www.itu.int/en/mediacentre/Pages/PR-2022-06-06-ITU-WTDC-Opens-Kigali.aspx",
    licence: "public information",
    note: `Venue: Kigali Convention Centre. ${PUBLIC_RECORD_NOTE}`,
  },
  "itu-pp-2022": {
    id: "itu-pp-2022",
    title: "About PP-22: ITU Plenipotentiary Conference 2022 (ITU website)",
    publisher: "International Telecommunication Union",
    url: "https://www.itu.int/pp22/about/about-pp22/",
    licence: "public information",
    note: `Bucharest, Romania, 26 September – 14 October 2022. ${PUBLIC_RECORD_NOTE}`,
  },
  "itu-ra-2023-announcement": {
    id: "itu-ra-2023-announcement",
    title: "ITU announcement of the venue and dates of WRC-23 and RA-23 (as reported by Zawya, 21 July 2022)",
    publisher: "International Telecommunication Union; report: Zawya",
    url: "https://www.zawya.com/en/world/middle-east/uae-to-host-next-years-world-radiocommunication-conference-j0kf7z71",
    licence: "public information",
    note: `The Radiocommunication Assembly (RA-23) at the Dubai World Trade Centre, 13–17 November 2023, before WRC-23; ITU's closing press release of 17 November 2023 confirms it concluded in Dubai. ${PUBLIC_RECORD_NOTE}`,
  },
  "unga-res-79-277": {
    id: "unga-res-79-277",
    title:
      "UN General Assembly resolution A/RES/79/277 (March 2025) on the overall review of the implementation of the WSIS outcomes (WSIS+20)",
    publisher: "United Nations General Assembly",
    url: "https://digitallibrary.un.org/record/4080263/files/A_RES_79_277-EN.pdf",
    licence: "public information",
    note: `Decides to conclude the review with a two-day high-level meeting on 16–17 December 2025. ${PUBLIC_RECORD_NOTE}`,
  },
  "un-wsis20-hlm-opening": {
    id: "un-wsis20-hlm-opening",
    title:
      "United Nations, 16 December 2025: General Assembly High-Level Meeting on the Twenty-Year Review of WSIS (WSIS+20) opens",
    publisher: "United Nations",
    url: "https://www.un.org/sw/node/237934",
    licence: "public information",
    note: `The meeting of the General Assembly at United Nations Headquarters, New York, opened on 16 December 2025. ${PUBLIC_RECORD_NOTE}`,
  },
  "itu-wsis-flash-2022-04-07": {
    id: "itu-wsis-flash-2022-04-07",
    title: "WSIS Flash Newsletter, 7 April 2022 (ITU)",
    publisher: "International Telecommunication Union",
    url: "https://www.itu.int/net4/wsis/stocktaking/Flash/Newsletter/Newsletter/16492898097071889",
    licence: "public information",
    note: `"On 15th March, the WSIS Forum 2022 kicked off." ${RESEARCH_NOTE}`,
  },
  "itu-wsis-forum-2023-outcomes": {
    id: "itu-wsis-forum-2023-outcomes",
    title: "WSIS Forum 2023 - Highlights and Outcomes (ITU)",
    publisher: "International Telecommunication Union",
    url: "https://www.itu.int/net4/wsis/forum/2023/Home/Outcomes",
    licence: "public information",
    note: `"The WSIS Forum 2023 hybrid week was held from 13 to 17 March in Geneva, Switzerland". ${RESEARCH_NOTE}`,
  },
  "itu-wsis20-forum-2024-outcomes": {
    id: "itu-wsis20-forum-2024-outcomes",
    title: "WSIS+20 Forum High-Level Event 2024 - Highlights, Announcements, and Key Outcomes (ITU)",
    publisher: "International Telecommunication Union",
    url: "https://itu.int/net4/wsis/forum/2024/ru/Home/SetLanguage?langtag=en&returnUrl=%2Fnet4%2Fwsis%2Fforum%2F2024%2Fru%2FHome%2FOutcomes",
    licence: "public information",
    note: `"The Event took place from 27 to 31 May 2024 in Geneva, Switzerland." ${RESEARCH_NOTE}`,
  },
  "un-press-ga-12746": {
    id: "un-press-ga-12746",
    title: "GA/12746 - UN Meetings Coverage and Press Releases (General Assembly, December 2025)",
    publisher: "United Nations",
    url: "https://press.un.org/en/2025/ga12746.doc.htm",
    licence: "public information",
    note: `"The General Assembly today adopted, without a vote, the outcome document ... Prior to that adoption, the Assembly completed its two-day debate". ${RESEARCH_NOTE}`,
  },
  "itu-wsis-prizes-2025": {
    id: "itu-wsis-prizes-2025",
    title: "WSIS Prizes (ITU WSIS Stocktaking) - WSIS Prize 2025 contest page",
    publisher: "International Telecommunication Union",
    url: "https://www.itu.int/net4/wsis/stocktaking/Prizes/Prizes/",
    licence: "public information",
    note: `"WSIS Prize 2025 Ceremony at the WSIS+20 High-Level Event 2025 (8 Jul)": announced before the event. ${RESEARCH_NOTE}`,
  },
  "digwatch-wsis-prizes-2025-ceremony": {
    id: "digwatch-wsis-prizes-2025-ceremony",
    title: "WSIS Prizes 2025 Winner's Ceremony (Digital Watch session report; secondary)",
    publisher: "Geneva Internet Platform (Digital Watch)",
    url: "https://dig.watch/event/wsis20-high-level-event-2025/wsis-prizes-2025-winners-ceremony",
    licence: "not stated",
    note: `Secondary source (an AI-generated session report): "WSIS Prizes 2025 Winner's Ceremony 7 Jul 2025 10:30h - 11:45h". ${RESEARCH_NOTE}`,
  },
  "itu-wsis-session-555": {
    id: "itu-wsis-session-555",
    title: "Session 555 - Side Event: UN in Action for Digital Cooperation (ITU WSIS agenda)",
    publisher: "International Telecommunication Union",
    url: "https://www.itu.int/net4/wsis/forum/2025/Agenda/Session/555",
    licence: "public information",
    note: `Announces the UNGIS side event of 15 December 2025 ahead of the General Assembly's high-level meeting of 16–17 December, and "WSIS Forum 2026 will be held from 6-10 July 2026" (no place given). ${RESEARCH_NOTE}`,
  },
  "itu-ungis": {
    id: "itu-ungis",
    title: "UNGIS - United Nations Group on the Information Society (ITU-hosted UNGIS site)",
    publisher: "International Telecommunication Union (UNGIS secretariat)",
    url: "https://www.itu.int/net4/wsis/ungis",
    licence: "public information",
    note: `"The UNGIS meeting with the WSIS+20 Co-Facilitators was held on the sidelines of the CSTD 2025–2026 Intersessional Panel ... 17 November 2025". ${RESEARCH_NOTE}`,
  },
  "unctad-cstd-ips-2025": {
    id: "unctad-cstd-ips-2025",
    title:
      "UN Commission on Science and Technology for Development: Inter-sessional Panel - Statement by Pedro Manuel Moreno (Geneva, 17 November 2025)",
    publisher: "UN Trade and Development (UNCTAD)",
    url: "https://unctad.org/osgstatement/un-commission-science-and-technology-development-inter-sessional-panel",
    licence: "public information",
    note: RESEARCH_NOTE,
  },
  "unctad-cstd-28": {
    id: "unctad-cstd-28",
    title: "Commission on Science and Technology for Development, 28th session - UNCTAD Secretary-General statement",
    publisher: "UN Trade and Development (UNCTAD)",
    url: "https://unctad.org/osgstatement/commission-science-and-technology-development-28th-session",
    licence: "public information",
    note: `"It is my distinct honour to welcome you to the 28th session of the Commission on Science and Technology for Development (CSTD)"; the stored text gives no dates or place. ${RESEARCH_NOTE}`,
  },
  "icann-wsis20-list-ecosoc-cstd-2025": {
    id: "icann-wsis20-list-ecosoc-cstd-2025",
    title:
      "wsis20@icann.org mailing list - forward of message on ECOSOC adoption of CSTD WSIS resolution, 29 July 2025 (secondary)",
    publisher: "ICANN (mailing-list archive)",
    url: "https://lists.icann.org/hyperkitty/list/wsis20@icann.org/message/FGOA2V2BEYOVASYDHOZJP3GXHCMIHB6M/attachment/0/attachment.html",
    licence: "not stated",
    note: `Secondary copy of the ECOSOC 2025 CSTD resolution: a joint road map "to be presented to the Commission on Science and Technology for Development at its twenty-ninth session". ${RESEARCH_NOTE}`,
  },
  "itu-ungis-article-1213": {
    id: "itu-ungis-article-1213",
    title: "WSIS+20 Review - 20 Years of the implementation of the WSIS Process (UNGIS article, ITU)",
    publisher: "International Telecommunication Union (UNGIS secretariat)",
    url: "https://www.itu.int/net4/wsis/ungis/Articles/View/1213",
    licence: "public information",
    note: `Quotes A/RES/80/173 paragraph 67: the UNGIS internal task force on financing reports "to the Commission on Science and Technology for Development at its thirtieth session, in 2027". ${RESEARCH_NOTE}`,
  },
  agencies: {
    id: "un-system-organizations",
    title: "Official names of UN system organizations (UN System Chart and the organizations' websites)",
    publisher: "United Nations",
    url: "https://www.un.org/en/about-us/un-system",
    licence: "public information",
    note: "The action-lines subgraph's agency list, as copied in data/known-codes.json; used to check organiser ids and filters",
  },
  actionLines: {
    id: "wsis-action-lines",
    title: "WSIS action lines (C1–C11, C7 sub-lines): headings as listed on the ITU WSIS pages",
    publisher: "International Telecommunication Union",
    url: "https://www.itu.int/net4/wsis/forum/2025/Home/ActionLines",
    licence: "public information",
    note: "Codes of the action-lines subgraph, as copied in data/known-codes.json; used to check action-line links and filters",
  },
} satisfies Record<string, SourceRow>;

export type SourceKey = keyof typeof SOURCES;

export function isSourceKey(key: string): key is SourceKey {
  return Object.prototype.hasOwnProperty.call(SOURCES, key);
}
