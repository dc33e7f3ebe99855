import { ForbiddenError, hasScope, isAdmin, requireScope, type Caller } from "@wsis/shared";

/**
 * Who runs the WSIS Stocktaking platform, and so moderates it: ITU ("ITU has been maintaining the WSIS Stocktaking
 * Database since 2004", ITU's Stocktaking About page, https://www.itu.int/net4/wsis/stocktaking/Home/About).
 */
export const PLATFORM_OPERATOR = "ITU";

/** What a caller may see of the entries: published ones; with them its agency's own; or all (a moderator). */
export type Viewer = { kind: "public" } | { kind: "agency"; agency: string } | { kind: "moderator" };

export function isModerator(caller: Caller | null): boolean {
  return (
    caller !== null &&
    hasScope(caller, "stocktaking:moderate") &&
    (isAdmin(caller) || caller.agency === PLATFORM_OPERATOR)
  );
}

/** The viewer a caller is: a moderator sees every entry, a submitter its agency's and the published, anyone the published. */
export function viewerOf(caller: Caller | null): Viewer {
  if (isModerator(caller)) return { kind: "moderator" };
  if (caller !== null && hasScope(caller, "stocktaking:submit")) return { kind: "agency", agency: caller.agency };
  return { kind: "public" };
}

/** A short key of the viewer, for the loaders' keys (a request has one caller, hence one viewer). */
export function viewerKey(viewer: Viewer): string {
  return viewer.kind === "agency" ? `agency:${viewer.agency}` : viewer.kind;
}

export function viewerFromKey(key: string): Viewer {
  if (key === "moderator" || key === "public") return { kind: key };
  return { kind: "agency", agency: key.slice("agency:".length) };
}

/**
 * A moderation step or a prize write: the scope stocktaking:moderate (UNAUTHENTICATED / FORBIDDEN), held by the
 * platform's operator (ITU) or an administrator (FORBIDDEN otherwise). No statement is sent before this check.
 */
export function requireModerator(caller: Caller | null, what: string): Caller {
  const who = requireScope(caller, "stocktaking:moderate", what);
  if (isModerator(who)) return who;
  throw new ForbiddenError(
    `${what} is for the platform's moderators: ${PLATFORM_OPERATOR}, which runs the WSIS Stocktaking, or an administrator (the caller acts for ${who.agency})`,
  );
}

/** Whether `viewer` may see an entry of this status, submitted by this agency (the rule of `visibleTo` in SQL). */
export function canSee(viewer: Viewer, entry: { status: string; submittedBy: string }): boolean {
  if (viewer.kind === "moderator" || entry.status === "PUBLISHED") return true;
  return viewer.kind === "agency" && entry.submittedBy === viewer.agency;
}
