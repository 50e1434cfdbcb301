/**
 * The OPC package around the WordprocessingML: part lookup (zip names are case-insensitive in
 * OPC) and relationships, resolved to part names.
 */
import type { DocumentLimits } from '../intake/limits.js';
import { buildTree, decodeXml, type El, TreeBudget } from './xml.js';

export interface Relationship {
  id: string;
  /** Last segment of the relationship type URI ('officeDocument', 'styles', 'hyperlink'…). */
  type: string;
  /** Part name for internal targets ('word/styles.xml'); the raw target for external ones. */
  target: string;
  external: boolean;
}

export class Package {
  private readonly byLowerName = new Map<string, string>();
  /** Shared by every part parsed from this package: the document limits hold for the whole file. */
  private readonly budget: TreeBudget;

  constructor(
    readonly entries: Map<string, Uint8Array>,
    limits?: Readonly<DocumentLimits>,
  ) {
    this.budget = new TreeBudget(limits);
    for (const name of entries.keys()) this.byLowerName.set(name.toLowerCase(), name);
  }

  get names(): string[] {
    return [...this.entries.keys()];
  }

  /** The real zip name of a part, matched case-insensitively and without a leading '/'. */
  resolveName(partName: string): string | undefined {
    const clean = partName.startsWith('/') ? partName.slice(1) : partName;
    if (this.entries.has(clean)) return clean;
    return this.byLowerName.get(clean.toLowerCase());
  }

  bytes(partName: string): Uint8Array | undefined {
    const name = this.resolveName(partName);
    return name === undefined ? undefined : this.entries.get(name);
  }

  /** Parse a part into an element tree, or undefined when the part is absent. */
  tree(partName: string, allText = false): El | undefined {
    const name = this.resolveName(partName);
    if (name === undefined) return undefined;
    const bytes = this.entries.get(name) as Uint8Array;
    return buildTree(decodeXml(bytes), { partName: name, allText, budget: this.budget });
  }

  /** Relationships of a part ('' for the package itself), keyed by id. */
  relationships(sourcePart: string): Map<string, Relationship> {
    const dir = sourcePart.includes('/') ? sourcePart.slice(0, sourcePart.lastIndexOf('/') + 1) : '';
    const file = sourcePart.slice(dir.length);
    const relsName = `${dir}_rels/${file}.rels`;
    const out = new Map<string, Relationship>();
    const root = this.tree(relsName);
    const list = root?.children[0]?.children ?? [];
    for (const el of list) {
      if (!el.name.endsWith('Relationship')) continue;
      const id = el.attrs.Id ?? '';
      const typeUri = el.attrs.Type ?? '';
      const target = el.attrs.Target ?? '';
      const external = (el.attrs.TargetMode ?? '').toLowerCase() === 'external';
      out.set(id, {
        id,
        type: typeUri.slice(typeUri.lastIndexOf('/') + 1),
        target: external ? target : resolveTarget(dir, target),
        external,
      });
    }
    return out;
  }
}

/** Resolve a relative relationship target against the source part's folder. */
export function resolveTarget(baseDir: string, target: string): string {
  let path = target.startsWith('/') ? target.slice(1) : baseDir + target;
  const hash = path.indexOf('#');
  if (hash >= 0) path = path.slice(0, hash);
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '..') out.pop();
    else if (segment !== '.' && segment !== '') out.push(segment);
  }
  return out.join('/');
}

/** First relationship of a given type. */
export function relOfType(rels: Map<string, Relationship>, type: string): Relationship | undefined {
  for (const rel of rels.values()) if (rel.type === type) return rel;
  return undefined;
}
