import { registerEnumType } from "type-graphql";

/** The part an agency plays in UNGIS, as a source names it. */
export enum UngisRoleKind {
  CHAIR = "CHAIR",
  VICE_CHAIR = "VICE_CHAIR",
  MEMBER = "MEMBER",
  SECRETARIAT = "SECRETARIAT",
}

registerEnumType(UngisRoleKind, {
  name: "UngisRoleKind",
  description: "The part an agency plays in the United Nations Group on the Information Society (UNGIS)",
  valuesConfig: {
    CHAIR: { description: "Chairs UNGIS" },
    VICE_CHAIR: { description: "One of the vice-chairs" },
    MEMBER: {
      description:
        "A member named by a source (e.g. present at a UNGIS meeting); chairs and vice-chairs are members too",
    },
    SECRETARIAT: { description: "The secretariat of UNGIS" },
  },
});
