/** A minimal reactive store: one value, replaced as a whole, and listeners told of each change. */

/** Called after each change with the new and the previous value. */
export type Listener<T> = (value: T, previous: T) => void;

/**
 * Holds a value and tells its listeners when it changes.
 *
 * @example
 * const store = new Store({ passes: 1000 });
 * store.subscribe((state) => console.log(state.passes));
 * store.update((state) => ({ ...state, passes: 2000 })); // logs 2000
 */
export class Store<T> {
  private value: T;
  private readonly listeners = new Set<Listener<T>>();

  constructor(initial: T) {
    this.value = initial;
  }

  /** The current value. */
  get(): T {
    return this.value;
  }

  /** Replaces the value and tells every listener (nothing happens if it is the same object). */
  set(next: T): void {
    const previous = this.value;
    if (next === previous) return;
    this.value = next;
    for (const listener of this.listeners) listener(next, previous);
  }

  /** Replaces the value by a function of the current one. */
  update(change: (value: T) => T): void {
    this.set(change(this.value));
  }

  /** Adds a listener; returns a function that removes it. */
  subscribe(listener: Listener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
