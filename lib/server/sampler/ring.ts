/**
 * A bounded ring of values, oldest first: pushing into a full ring drops the oldest. Memory is fixed by the capacity
 * whatever the uptime (720 samples = one hour at 5 s).
 */
export class Ring<T> {
  private readonly slots: Array<T | undefined>;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`ring capacity must be a positive integer, got ${capacity}`);
    this.slots = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(value: T): void {
    if (this.count < this.capacity) {
      this.slots[(this.start + this.count) % this.capacity] = value;
      this.count += 1;
    } else {
      this.slots[this.start] = value;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  last(): T | undefined {
    return this.count === 0 ? undefined : this.slots[(this.start + this.count - 1) % this.capacity];
  }

  /** Oldest first; only the values `keep` accepts when given. */
  toArray(keep?: (value: T) => boolean): T[] {
    const values: T[] = [];
    for (let i = 0; i < this.count; i++) {
      const value = this.slots[(this.start + i) % this.capacity] as T;
      if (!keep || keep(value)) values.push(value);
    }
    return values;
  }
}
