import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { folderClosedTo } from "../src/database/embedded";

describe("folderClosedTo (can the postgres user reach a path?)", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "wsis-access-"));
    await chmod(root, 0o755);
    await mkdir(path.join(root, "open/inner"), { recursive: true });
    await mkdir(path.join(root, "closed/inner"), { recursive: true });
    await chmod(path.join(root, "open"), 0o755);
    await chmod(path.join(root, "closed"), 0o700);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  const stranger = { uid: 65530, gid: 65530 };

  it("finds the first folder on the way that others cannot enter", () => {
    expect(folderClosedTo(path.join(root, "closed/inner/data"), stranger)).toBe(path.join(root, "closed"));
    expect(folderClosedTo(path.join(root, "closed/inner/data"), null)).toBe(path.join(root, "closed"));
  });

  it("lets through folders others may enter, and folders that do not exist yet", () => {
    expect(folderClosedTo(path.join(root, "open/inner/data"), stranger)).toBeNull();
    expect(folderClosedTo(path.join(root, "open/not-yet/data"), stranger)).toBeNull();
  });

  it("counts the owner's and the group's bits for a user who owns the folder or is in its group", async () => {
    const owner = { uid: process.getuid!(), gid: 65530 };
    expect(folderClosedTo(path.join(root, "closed/inner/data"), owner)).toBeNull();
    await chmod(path.join(root, "closed"), 0o710);
    try {
      expect(folderClosedTo(path.join(root, "closed/inner/data"), { uid: 65530, gid: process.getgid!() })).toBeNull();
    } finally {
      await chmod(path.join(root, "closed"), 0o700);
    }
  });
});
