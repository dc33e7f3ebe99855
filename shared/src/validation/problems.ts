import { BadUserInputError } from "../errors";

/**
 * Collects every problem of a request's input, then reports them in one BAD_USER_INPUT error: the message lists each
 * problem, `argumentName` is the first field at fault and `invalidArguments` every one (in the order found).
 */
export class Problems {
  private readonly items: Array<{ argumentName: string; message: string }> = [];

  /** Records `message` against `argumentName`; a null message (no problem) is ignored, so checks can be passed in. */
  add(argumentName: string, message: string | null | undefined): void {
    if (message) this.items.push({ argumentName, message });
  }

  get size(): number {
    return this.items.length;
  }

  throwIfAny(): void {
    if (this.items.length === 0) return;
    throw new BadUserInputError(this.items.map((p) => p.message).join("; "), this.items[0].argumentName, {
      invalidArguments: [...new Set(this.items.map((p) => p.argumentName))],
    });
  }
}
