import { BACKGROUND_STATEMENT, type BackgroundJob, type Logger } from "@wsis/shared";
import type { DataSource } from "typeorm";
import type { PublicationRequest } from "./publication.types";
import { applyDueReleases } from "./scheduled";

/** How often each indicators process looks for a scheduled release whose moment has come (ms). */
export const DEFAULT_RELEASE_POLL_MS = 1000;

/**
 * Publishes scheduled releases when their moment comes, and bounds how long this process's answers may be cached:
 * never past the next scheduled moment, so that no cache serves the values a release replaces after it is out. The
 * next moment is read from PostgreSQL every poll (the schedule itself lives there: any process may have written it).
 */
export class ReleaseClock implements BackgroundJob {
  private next: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly audit: PublicationRequest["audit"],
    private readonly log: Logger,
    private readonly pollMs = DEFAULT_RELEASE_POLL_MS,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.pollMs);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** A release was scheduled in this process: bound the caching at once (the other processes learn it at their poll). */
  scheduled(at: Date): void {
    if (this.next === null || at.getTime() < this.next) this.next = at.getTime();
  }

  maxAgeCap(): number | undefined {
    return this.next === null ? undefined : Math.max(0, Math.floor((this.next - Date.now()) / 1000));
  }

  /** One poll: read the next moment; publish what is due. */
  tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        await this.readNext();
        if (this.next !== null && this.next <= Date.now()) {
          await applyDueReleases(this.ds, this.audit, this.log);
          await this.readNext();
        }
      } catch (error) {
        // The database may be briefly away (a restart): the next poll tries again.
        this.log.warn({ err: (error as Error).message }, "scheduled releases: poll failed");
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async readNext(): Promise<void> {
    const [row]: Array<{ next: Date | null }> = await this.ds.query(
      `${BACKGROUND_STATEMENT} SELECT min(publish_at) AS next FROM scheduled_release WHERE failed_at IS NULL`,
    );
    this.next = row?.next ? row.next.getTime() : null;
  }
}
