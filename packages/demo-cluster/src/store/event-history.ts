/**
 * A bounded history of committed store events, so a watch can resume from an older
 * resourceVersion and a too-old one can be refused with 410 Gone (like etcd compaction).
 */
import { StoreError } from './errors.ts';
import type { StoreEvent } from './types.ts';

/** A ring buffer of the last `capacity` events in commit order. */
export class EventHistory {
  readonly capacity: number;
  private readonly ring: (StoreEvent | undefined)[];
  private start = 0;
  private size = 0;
  /** Highest resourceVersion that fell out of the ring (0 while nothing has). */
  private compactedThrough = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.ring = new Array(capacity);
  }

  /** Appends an event, dropping the oldest when full. */
  push(event: StoreEvent): void {
    if (this.size === this.capacity) {
      this.compactedThrough = this.ring[this.start]!.resourceVersion;
      this.ring[this.start] = event;
      this.start = (this.start + 1) % this.capacity;
      return;
    }
    this.ring[(this.start + this.size) % this.capacity] = event;
    this.size++;
  }

  /** Marks every resourceVersion up to `resourceVersion` as no longer replayable (after a restore). */
  compactThrough(resourceVersion: number): void {
    this.compactedThrough = Math.max(this.compactedThrough, resourceVersion);
  }

  /** The oldest resourceVersion a watch may still start from. */
  oldestResumableVersion(): number {
    return this.compactedThrough;
  }

  /**
   * The events after `resourceVersion`, oldest first. Throws Gone when some of them were
   * already dropped, with the API server's message `too old resource version: X (Y)`.
   */
  since(resourceVersion: number): StoreEvent[] {
    if (resourceVersion < this.compactedThrough) {
      throw new StoreError('Gone', `too old resource version: ${resourceVersion} (${this.compactedThrough + 1})`);
    }
    const events: StoreEvent[] = [];
    // Binary search for the first event after resourceVersion; versions grow with position.
    let low = 0;
    let high = this.size;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.ring[(this.start + middle) % this.capacity]!.resourceVersion <= resourceVersion) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < this.size; i++) events.push(this.ring[(this.start + i) % this.capacity]!);
    return events;
  }
}
