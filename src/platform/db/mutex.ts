/** A first-come, first-served async lock: the embedded database has one connection, so its users take turns. */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();

  /** Resolves once the caller holds the lock, with the function that releases it. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.#tail;
    this.#tail = previous.then(() => held);
    return previous.then(() => {
      let released = false;
      return () => {
        if (!released) {
          released = true;
          release();
        }
      };
    });
  }
}
