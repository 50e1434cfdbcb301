/**
 * Package metadata: docProps/core.xml, docProps/app.xml, docProps/custom.xml and the parts of
 * word/settings.xml the checks read (revision ids, protection, compatibility mode).
 */
import type { Metadata } from './model.js';
import { num } from './styles.js';
import { deepText, type El, localName } from './xml.js';

/** Word's default tab stop when settings.xml does not give one: half an inch. */
export const DEFAULT_TAB_STOP_TWIPS = 720;

export function emptyMetadata(): Metadata {
  return {
    core: {},
    app: {},
    settings: {
      rsids: [],
      trackRevisions: false,
      defaultTabStop: DEFAULT_TAB_STOP_TWIPS,
      evenAndOddHeaders: false,
      displayBackgroundShape: false,
      compat: [],
    },
    custom: {},
  };
}

const trimmed = (el: El): string | undefined => {
  const t = deepText(el).trim();
  return t === '' ? undefined : t;
};

const integer = (el: El): number | undefined => {
  const t = deepText(el).trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
};

export function readCore(root: El | undefined, into: Metadata['core']): void {
  for (const el of root?.children[0]?.children ?? []) {
    const value = trimmed(el);
    if (value === undefined) continue;
    switch (localName(el.name)) {
      case 'title':
        into.title = value;
        break;
      case 'subject':
        into.subject = value;
        break;
      case 'creator':
        into.creator = value;
        break;
      case 'lastModifiedBy':
        into.lastModifiedBy = value;
        break;
      case 'revision': {
        const n = integer(el);
        if (n !== undefined) into.revision = n;
        break;
      }
      case 'created':
        into.created = value;
        break;
      case 'modified':
        into.modified = value;
        break;
      case 'description':
        into.description = value;
        break;
      case 'keywords':
        into.keywords = value;
        break;
    }
  }
}

export function readApp(root: El | undefined, into: Metadata['app']): void {
  for (const el of root?.children[0]?.children ?? []) {
    const name = localName(el.name);
    switch (name) {
      case 'Application':
      case 'AppVersion':
      case 'Template':
      case 'Company': {
        const value = trimmed(el);
        if (value === undefined) break;
        if (name === 'Application') into.application = value;
        else if (name === 'AppVersion') into.appVersion = value;
        else if (name === 'Template') into.template = value;
        else into.company = value;
        break;
      }
      case 'Pages':
      case 'Words':
      case 'Characters':
      case 'CharactersWithSpaces':
      case 'Lines':
      case 'Paragraphs':
      case 'TotalTime': {
        const n = integer(el);
        if (n === undefined) break;
        const key = (
          {
            Pages: 'pages',
            Words: 'words',
            Characters: 'characters',
            CharactersWithSpaces: 'charactersWithSpaces',
            Lines: 'lines',
            Paragraphs: 'paragraphs',
            TotalTime: 'totalTime',
          } as const
        )[name];
        into[key] = n;
        break;
      }
    }
  }
}

export function readCustom(root: El | undefined, into: Metadata['custom']): void {
  for (const el of root?.children[0]?.children ?? []) {
    const name = el.attrs.name;
    if (localName(el.name) !== 'property' || !name) continue;
    into[name] = deepText(el).trim();
  }
}

const onOffAttr = (el: El | undefined): boolean => {
  if (!el) return false;
  const v = el.attrs['w:val'];
  return v === undefined || !(v === '0' || v === 'false' || v === 'off');
};

export function readSettings(root: El | undefined, into: Metadata['settings']): void {
  for (const el of root?.children[0]?.children ?? []) {
    switch (el.name) {
      case 'w:rsids':
        for (const r of el.children) {
          const v = r.attrs['w:val'];
          if (!v) continue;
          if (r.name === 'w:rsidRoot') into.rsidRoot = v;
          else if (r.name === 'w:rsid') into.rsids.push(v);
        }
        break;
      case 'w:trackRevisions':
        into.trackRevisions = onOffAttr(el);
        break;
      case 'w:documentProtection': {
        const enforcement = el.attrs['w:enforcement'] ?? el.attrs['w:enforce'];
        const protection: { edit?: string; enforced: boolean } = {
          enforced: enforcement === '1' || enforcement === 'true' || enforcement === 'on',
        };
        if (el.attrs['w:edit']) protection.edit = el.attrs['w:edit'];
        into.protection = protection;
        break;
      }
      case 'w:defaultTabStop': {
        const v = num(el.attrs['w:val']);
        if (v !== undefined && v > 0) into.defaultTabStop = v;
        break;
      }
      case 'w:evenAndOddHeaders':
        into.evenAndOddHeaders = onOffAttr(el);
        break;
      case 'w:displayBackgroundShape':
        into.displayBackgroundShape = onOffAttr(el);
        break;
      case 'w:compat':
        for (const c of el.children) {
          if (c.name === 'w:compatSetting') {
            if (c.attrs['w:name'] === 'compatibilityMode') {
              const mode = num(c.attrs['w:val']);
              if (mode !== undefined) into.compatibilityMode = mode;
            }
          } else {
            into.compat.push(localName(c.name));
          }
        }
        break;
    }
  }
}
