/**
 * Resolves names and member chains against every module's scope, in time linear in the size of
 * the module graph.
 *
 * Every name of a module, every definition of that name and every export of a module is a
 * *cell* holding the set of bindings it may stand for. A name's cell is the union of its
 * definitions' cells; a definition's cell is computed from the cells its expression reads
 * (`x = y.z` reads `y`, then the export `z` of whatever module `y` is); an export's cell reads
 * the name or the import it refers to. All rules only ever add bindings, so a worklist reaches
 * their least fixed point whatever the order, cycles included (`a = b; b = a`,
 * `const body = request.body` next to `{ body: body }`, modules that `export *` each other).
 *
 * Why this shape: resolving by recursive search re-walks every definition of every name on
 * every path, which is exponential once names are defined more than once, and a depth limit
 * only bounds the depth of the blow-up, not its width. Here each cell is computed once, and
 * again only when a cell it read grows; a cell can grow at most once per distinct binding, and
 * the bindings of an app are few (its SDK packages, clients and exports). A name with many
 * definitions takes each definition's growth as a delta instead of recomputing the union. There
 * is no recursion, so a chain of ten thousand aliases needs no deep stack.
 */
import { sdkExportToMeaning } from './action-resolver.js';
import type { Definition, ModuleScope } from './module-scope.js';
import type { ImportSource } from './token-patterns.js';

/** What a name or expression may resolve to. */
export type Binding =
  | { readonly kind: 'sdk-namespace'; readonly packageName: string }
  | { readonly kind: 'sdk-export'; readonly packageName: string; readonly name: string }
  | { readonly kind: 'client'; readonly packageName: string; readonly aggregated: boolean }
  | { readonly kind: 'command-instance' }
  | { readonly kind: 'local-namespace'; readonly module: string };

type Read = (cell: Cell) => Iterable<Binding>;

interface Cell {
  /** Binding key → binding; only ever grows. */
  readonly bindings: Map<string, Binding>;
  /** Computed cells that read this one, recomputed when it grows. */
  readonly readers: Set<Cell>;
  /** Union cells this one is part of; they receive its new bindings directly. */
  readonly unions: Cell[];
  /** How to compute the cell from the cells it reads; undefined for a union cell. */
  readonly compute: ((read: Read) => Binding[]) | undefined;
}

const NO_BINDINGS: readonly Binding[] = [];

export class ScopeResolver {
  /** Per module: name cells and export cells, by name (nested maps: no long string keys). */
  private readonly nameCells = new Map<string, Map<string, Cell>>();
  private readonly exportCells = new Map<string, Map<string, Cell>>();
  private readonly queue: Cell[] = [];
  private readonly queued = new Set<Cell>();
  private readonly chainResults = new Map<string, Map<string, readonly Binding[]>>();
  private readonly localStarClaims = new Map<string, Map<string, boolean>>();

  constructor(private readonly scopes: ReadonlyMap<string, ModuleScope>) {}

  /**
   * Everything the member chain `chain` may resolve to in `module` (empty when nothing is
   * known). A chain is also resolved from each later member, since the head is often a value
   * the analyser does not follow (`this.s3.putObject`, `ctx.clients.s3`) while the property is
   * assigned elsewhere.
   */
  resolveChain(module: string, chain: readonly string[]): readonly Binding[] {
    const key = chain.join('\0');
    const results = perModule(this.chainResults, module);
    const known = results.get(key);
    if (known !== undefined) return known;
    // Outside any cell: each cell read is solved to its fixed point first. Solved cells never
    // change afterwards (a new cell cannot feed an old one), so the answer can be kept.
    const result = this.chainBindings(module, chain, (cell) => {
      this.drain();
      return cell.bindings.values();
    });
    results.set(key, result);
    return result;
  }

  private chainBindings(module: string, chain: readonly string[], read: Read): Binding[] {
    const found = new Map<string, Binding>();
    for (let k = 0; k < chain.length; k++) {
      let bindings: readonly Binding[] = [...read(this.nameCell(module, chain[k]!))];
      for (let m = k + 1; bindings.length > 0 && m < chain.length; m++) {
        bindings = bindings.flatMap((binding) => this.member(binding, chain[m]!, read));
      }
      for (const binding of bindings) found.set(bindingKey(binding), binding);
    }
    return [...found.values()];
  }

  private member(binding: Binding, name: string, read: Read): readonly Binding[] {
    if (binding.kind === 'sdk-namespace') return [{ kind: 'sdk-export', packageName: binding.packageName, name }];
    if (binding.kind === 'local-namespace') return [...read(this.exportCell(binding.module, name))];
    return NO_BINDINGS;
  }

  private importBindings(source: ImportSource, name: string, read: Read): readonly Binding[] {
    if (source.kind === 'sdk') {
      return [name === '*' ? { kind: 'sdk-namespace', packageName: source.packageName } : { kind: 'sdk-export', packageName: source.packageName, name }];
    }
    return name === '*' ? [{ kind: 'local-namespace', module: source.module }] : [...read(this.exportCell(source.module, name))];
  }

  private definitionBindings(module: string, definition: Definition, read: Read): readonly Binding[] {
    switch (definition.kind) {
      case 'import':
        return this.importBindings(definition.source, definition.name, read);
      case 'alias':
        return this.chainBindings(module, definition.chain, read);
      case 'new':
      case 'factory': {
        const made: Binding[] = [];
        for (const target of this.chainBindings(module, definition.chain, read)) {
          if (target.kind !== 'sdk-export') continue;
          const meaning = sdkExportToMeaning(target.packageName, target.name);
          if (meaning.kind === 'client-class') made.push({ kind: 'client', packageName: target.packageName, aggregated: meaning.aggregated });
          if (meaning.kind === 'actions' && definition.kind === 'new') made.push({ kind: 'command-instance' });
        }
        return made;
      }
      default: {
        const unreachable: never = definition;
        return unreachable;
      }
    }
  }

  private exportBindings(module: string, name: string, read: Read): readonly Binding[] {
    const scope = this.scopes.get(module);
    if (scope === undefined) return NO_BINDINGS;
    const ref = scope.exports.get(name);
    if (ref?.kind === 'local') return [...read(this.nameCell(module, ref.name))];
    if (ref?.kind === 'import') return this.importBindings(ref.source, ref.name, read);
    // An SDK star export would claim every name, so it answers only for names that no local
    // star export declares (decided from the declarations, which keeps the rule monotone).
    const declaring = scope.starExports.filter((source) => source.kind === 'local' && this.declares(source.module, name));
    if (declaring.length > 0) return declaring.flatMap((source) => this.importBindings(source, name, read));
    const sdk = scope.starExports.find((source) => source.kind === 'sdk');
    return sdk === undefined ? NO_BINDINGS : this.importBindings(sdk, name, read);
  }

  /** True when `module` exports `name`: by name, through an SDK `export *`, or through a local one. */
  private declares(module: string, name: string): boolean {
    const scope = this.scopes.get(module);
    if (scope === undefined) return false;
    return scope.exports.has(name) || scope.starExports.some((s) => s.kind === 'sdk') || this.claimedByLocalStar(module, name);
  }

  /** True when a module reached through `module`'s local `export *` chain declares `name`. */
  private claimedByLocalStar(module: string, name: string): boolean {
    const claims = perModule(this.localStarClaims, module);
    const known = claims.get(name);
    if (known !== undefined) return known;
    const seen = new Set([module]);
    const pending = [module];
    let claimed = false;
    while (!claimed && pending.length > 0) {
      for (const source of this.scopes.get(pending.pop()!)?.starExports ?? []) {
        if (source.kind !== 'local' || seen.has(source.module)) continue;
        seen.add(source.module);
        const scope = this.scopes.get(source.module);
        if (scope?.exports.has(name) === true || scope?.starExports.some((s) => s.kind === 'sdk') === true) {
          claimed = true;
          break;
        }
        pending.push(source.module);
      }
    }
    claims.set(name, claimed);
    return claimed;
  }

  // --- cells -------------------------------------------------------------------------------

  private nameCell(module: string, name: string): Cell {
    const cells = perModule(this.nameCells, module);
    let cell = cells.get(name);
    if (cell !== undefined) return cell;
    cell = newCell(undefined);
    cells.set(name, cell);
    for (const definition of this.scopes.get(module)?.definitions.get(name) ?? []) {
      const part = newCell((read) => [...this.definitionBindings(module, definition, read)]);
      part.unions.push(cell);
      this.enqueue(part);
    }
    return cell;
  }

  private exportCell(module: string, name: string): Cell {
    const cells = perModule(this.exportCells, module);
    let cell = cells.get(name);
    if (cell !== undefined) return cell;
    cell = newCell((read) => [...this.exportBindings(module, name, read)]);
    cells.set(name, cell);
    this.enqueue(cell);
    return cell;
  }

  private enqueue(cell: Cell): void {
    if (this.queued.has(cell)) return;
    this.queued.add(cell);
    this.queue.push(cell);
  }

  /** Computes queued cells until nothing grows any more. */
  private drain(): void {
    for (let cell = this.queue.pop(); cell !== undefined; cell = this.queue.pop()) {
      this.queued.delete(cell);
      const reader = cell;
      const computed = cell.compute!((read) => {
        read.readers.add(reader);
        return read.bindings.values();
      });
      this.grow(cell, computed);
    }
  }

  /** Adds bindings to a cell, passes the new ones on to its unions and requeues its readers. */
  private grow(cell: Cell, bindings: Iterable<Binding>): void {
    const pending: Array<[Cell, Iterable<Binding>]> = [[cell, bindings]];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      const [target, offered] = next;
      const added: Binding[] = [];
      for (const binding of offered) {
        const key = bindingKey(binding);
        if (target.bindings.has(key)) continue;
        target.bindings.set(key, binding);
        added.push(binding);
      }
      if (added.length === 0) continue;
      for (const reader of target.readers) this.enqueue(reader);
      for (const union of target.unions) pending.push([union, added]);
    }
  }
}

function perModule<T>(table: Map<string, Map<string, T>>, module: string): Map<string, T> {
  let entries = table.get(module);
  if (entries === undefined) {
    entries = new Map();
    table.set(module, entries);
  }
  return entries;
}

function newCell(compute: Cell['compute']): Cell {
  return { bindings: new Map(), readers: new Set(), unions: [], compute };
}

function bindingKey(binding: Binding): string {
  switch (binding.kind) {
    case 'sdk-namespace':
      return `namespace\0${binding.packageName}`;
    case 'sdk-export':
      return `export\0${binding.packageName}\0${binding.name}`;
    case 'client':
      return `client\0${binding.packageName}\0${binding.aggregated}`;
    case 'command-instance':
      return 'command';
    case 'local-namespace':
      return `module\0${binding.module}`;
    default: {
      const unreachable: never = binding;
      return unreachable;
    }
  }
}
