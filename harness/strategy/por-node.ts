/** Cost of an option the search never takes (keeping a spinner running at its yield): beyond any bound. */
export const FORBIDDEN = 255;

/** Marks of an option in `PorNode.todo`. */
export const TODO_NONE = 0;
/** A race asks for it (Flanagan & Godefroid's backtracking set). */
export const TODO_RACE = 1;
/** Added because of the preemption bound at an earlier context switch (Coons et al. 2013): explored even when asleep. */
export const TODO_BOUND = 2;

/**
 * One decision of the current path of the reduced exhaustive search: a scheduling point (its
 * options' entities and preemption costs, which options are still to explore and which were
 * explored, the sleep set on entry) or a value point (`t.choose`, every value explored).
 */
export class PorNode {
  /** Value point: its n; scheduling point: 0. */
  readonly values: number;
  /** Steps the engine had run before this decision (a scheduling point's option runs as log entry `step`). */
  readonly step: number;
  /** Scheduling point: entity per option, preemption cost per option (FORBIDDEN = never taken). */
  readonly entities: Int32Array;
  readonly cost: Uint8Array;
  readonly todo: Uint8Array;
  /** Per option: taking it leaves the running thread (preemption-cost.ts switchesThread). */
  readonly switches: Uint8Array;
  readonly done: Uint8Array;
  /** Preemptions of the path before this decision. */
  readonly costBefore: number;
  /** Every option is free here (the running thread blocked or finished). */
  freeAll = false;
  /** A spin yield: leaving the running thread is free, keeping it costs one. */
  spin = false;
  /** The chosen option leaves the running thread (or nothing had to be left): where BPOR adds its extra points. */
  switched = false;
  chosen = 0;
  /** The chosen option came from a TODO_BOUND mark (its run puts nobody to sleep). */
  chosenByBound = false;
  /** Sleep set on entry: entities and the accesses of their next step. */
  readonly sleepEntities: number[];
  readonly sleepAccesses: Int32Array[];
  /** Options explored from here by a race (not TODO_BOUND): their step's accesses, for the sleep sets of later siblings. */
  readonly taken: (Int32Array | undefined)[];

  constructor(step: number, costBefore: number, values: number, options: number, sleepEntities: number[], sleepAccesses: Int32Array[]) {
    this.step = step;
    this.costBefore = costBefore;
    this.values = values;
    this.entities = new Int32Array(options);
    this.cost = new Uint8Array(options);
    this.todo = new Uint8Array(options);
    this.switches = new Uint8Array(options);
    this.done = new Uint8Array(options);
    this.sleepEntities = sleepEntities;
    this.sleepAccesses = sleepAccesses;
    this.taken = new Array<Int32Array | undefined>(options).fill(undefined);
  }

  /** Number of options (scheduling point) or values (value point). */
  get width(): number {
    return this.values > 0 ? this.values : this.entities.length;
  }

  isValue(): boolean {
    return this.values > 0;
  }

  /** Is `entity` asleep on entry to this node? */
  asleep(entity: number): boolean {
    return this.sleepEntities.includes(entity);
  }

  /** Does this point offer `entity` an option the search may take? */
  offers(entity: number): boolean {
    return this.entities.includes(entity);
  }

  /** Can `entity` be taken here within `bound` (it has an option, and one costs little enough)? */
  affordable(entity: number, bound: number): boolean {
    for (let o = 0; o < this.entities.length; o++) if (this.entities[o] === entity && this.costBefore + this.cost[o] <= bound) return true;
    return this.entities.includes(entity) ? false : true;
  }

  /** Was `entity` taken here (explored, or being explored)? */
  ran(entity: number): boolean {
    for (let o = 0; o < this.entities.length; o++) if (this.entities[o] === entity && this.done[o] === 1) return true;
    return false;
  }

  /** Is one of `entities` explored or to be explored here, or (with sleep sets) asleep on entry? */
  coversAny(entities: readonly number[], sleepOn: boolean): boolean {
    for (let o = 0; o < this.entities.length; o++) {
      if ((this.todo[o] !== TODO_NONE || this.done[o] === 1) && entities.includes(this.entities[o])) return true;
    }
    if (sleepOn) for (const e of entities) if (this.asleep(e)) return true;
    return false;
  }

  /** The entity of `entities` to explore here: `preferred` when it has an option, else the first that has one, else `preferred`. */
  pick(entities: readonly number[], preferred: number): number {
    let first = -1;
    for (const e of entities) {
      for (let o = 0; o < this.entities.length; o++) {
        if (this.entities[o] !== e) continue;
        if (e === preferred) return e;
        if (first < 0) first = e;
      }
    }
    return first >= 0 ? first : preferred;
  }

  /** Mark every option of `entity` (else, when it has none here, every option) with `mark`. */
  want(entity: number, mark: number): void {
    let found = false;
    for (let o = 0; o < this.entities.length; o++) {
      if (this.entities[o] !== entity) continue;
      found = true;
      if (this.todo[o] < mark) this.todo[o] = mark;
    }
    if (found) return;
    for (let o = 0; o < this.entities.length; o++) if (this.todo[o] < mark) this.todo[o] = mark;
  }
}
