import { randomInt } from 'node:crypto';

/**
 * Java's `ThreadLocalIndex`: a counter that starts at a random point and only ever yields non-negative values, so
 * producers started together do not all hit queue 0 first. Node runs one thread, so one counter per owner.
 */
export class RotatingIndex {
  private index: number;

  constructor(start: number = randomInt(0, 0x7fffffff)) {
    this.index = start | 0;
  }

  incrementAndGet(): number {
    this.index = (this.index + 1) | 0;
    return this.index & 0x7fffffff;
  }
}
