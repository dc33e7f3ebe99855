import { GraphQLError } from "graphql";
import { hasScope, hubAuthChecker, requireScope, type Caller } from "../src";

const itu = (scopes: string[]): Caller => ({ agency: "ITU", subject: "s", scopes });

function check(caller: Caller | null, roles: string[]): unknown {
  try {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return hubAuthChecker({ context: { caller } as any, root: {}, args: {}, info: {} as any }, roles);
  } catch (error) {
    return error;
  }
}
const codeOf = (e: unknown) => (e instanceof GraphQLError ? e.extensions.code : e);

describe("scopes and the authChecker", () => {
  it("admin implies every scope; other scopes imply only themselves", () => {
    expect(hasScope(itu(["admin"]), "reports:publish")).toBe(true);
    expect(hasScope(itu(["reports:write"]), "reports:publish")).toBe(false);
    expect(hasScope(itu(["reports:write"]), "reports:write")).toBe(true);
  });

  it("refuses no caller with UNAUTHENTICATED and a missing scope with FORBIDDEN", () => {
    expect(codeOf(check(null, ["events:write"]))).toBe("UNAUTHENTICATED");
    expect(codeOf(check(null, []))).toBe("UNAUTHENTICATED");
    expect(codeOf(check(itu(["reports:write"]), ["events:write"]))).toBe("FORBIDDEN");
    expect(codeOf(check(itu([]), ["admin"]))).toBe("FORBIDDEN");
    expect(check(itu(["events:write"]), ["events:write"])).toBe(true);
    expect(check(itu(["admin"]), ["events:write"])).toBe(true);
    expect(check(itu([]), [])).toBe(true);
    expect(check(itu(["reports:publish"]), ["reports:write", "reports:publish"])).toBe(true);
  });

  it("refuses a decorator naming an unknown scope, even for admin", () => {
    expect(check(itu(["admin"]), ["events:writ"])).toBeInstanceOf(Error);
  });

  it("requireScope names the missing scope", () => {
    expect(() => requireScope(itu([]), "indicators:publish")).toThrow(/indicators:publish/);
  });
});
