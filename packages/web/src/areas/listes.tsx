import { roleMay } from '@oise/accounts';
import { OiseError, formatQuarter, lastQuarters, parseQuarter, tryParseQuarter } from '@oise/core';
import {
  type EntryNode,
  type RecordKind,
  type RecordSaveResult,
  countRecords,
  deleteRecord,
  isPeriodKind,
  listRecords,
  readRecord,
  recordFormValues,
  recordKindOfWord,
  saveRecord,
} from '@oise/entry';
import { reportingQuarter } from '@oise/workflow';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { validator } from 'hono/validator';
import { text } from '../messages/lang.js';
import { type ListesText, listesText } from '../messages/listes.js';
import { requirePermission } from '../security/auth.js';
import { refuse } from '../security/refusal.js';
import { frameOf } from '../views/frame-of.js';
import { type ListFlash, ListesIndexPage, RecordListPage } from '../views/listes-page.js';
import { formFields, listPath, recordTitle } from '../views/record-fields.js';
import { RecordDeletePage, RecordFormPage, type RecordFormView } from '../views/record-form-page.js';
import { renderHtml } from '../views/render.js';
import type { WebDeps, WebEnv } from '../web-env.js';

/** A field of a record holds a name, a date or a figure: 2000 characters is plenty. */
const MAX_FIELD_CHARS = 2000;
/** What the list says after a change (`?fait=ajoute`), by the key of its words in messages/listes.ts. */
const DONE_WORDS = {
  ajoute: 'doneAdded',
  modifie: 'doneEdited',
  supprime: 'doneRemoved',
} as const satisfies Record<string, keyof ListesText>;

/** `?trimestre=2025Q1` (or 2025T1); absent → the quarter being reported. */
function quarterOf(c: Context<WebEnv>, deps: WebDeps, raw: unknown): string | Response | Promise<Response> {
  if (raw === undefined || raw === '') return reportingQuarter(deps.clock());
  const parsed = typeof raw === 'string' ? tryParseQuarter(raw) : undefined;
  if (!parsed) {
    const t = text(c.get('lang'), listesText);
    return refuse(c, 400, t.unknownQuarterTitle, t.notAQuarter(String(raw)));
  }
  return formatQuarter(parsed);
}

/** `:type` is one of the four lists (elus, formations, activites, partenariats); `:id` a record's id. */
const kindParam = validator('param', (v, c) => {
  const kind = recordKindOfWord(v.type ?? '');
  const t = text(c.get('lang'), listesText);
  if (!kind) return refuse(c, 404, t.unknownListTitle, t.notAList(String(v.type)));
  const id = v.id;
  if (id !== undefined && !/^[\w.-]{1,120}$/.test(id)) return refuse(c, 404, t.noEntryTitle, t.noSuchEntry);
  return { kind, id: id ?? '' };
});

/** The form of a record: one text per field of its kind, and the list's quarter. */
function recordForm(deps: WebDeps) {
  return validator('form', (form, c) => {
    const kind = recordKindOfWord(c.req.param('type') ?? '');
    const values: Record<string, string> = {};
    for (const f of kind ? formFields(kind) : []) {
      const raw = form[f.column];
      const typed = Array.isArray(raw) ? raw[0] : raw;
      if (typeof typed === 'string' && typed.length > MAX_FIELD_CHARS) {
        const t = text(c.get('lang'), listesText);
        return refuse(c, 400, t.fieldTooLongTitle, t.fieldTooLong(f.label, MAX_FIELD_CHARS));
      }
      values[f.column] = typeof typed === 'string' ? typed : '';
    }
    const quarter = quarterOf(c, deps, form.trimestre);
    if (typeof quarter !== 'string') return quarter;
    return { values, quarter };
  });
}

/**
 * *Listes* (`/listes`, cercle): the elected officials, trainings and CCC activities of a
 * quarter, and the partnerships, as tables with add, edit and delete; every change by
 * `@oise/entry`'s `saveRecord` / `deleteRecord` (the checks and the write path of an import).
 */
export function listesRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const node = (): EntryNode => ({ code: deps.node.identity.code, level: deps.node.identity.level });
  const cercle = () => deps.node.identity.code;
  const choices = () =>
    lastQuarters(parseQuarter(reportingQuarter(deps.clock())), 8)
      .reverse()
      .map(formatQuarter);
  const queryQuarter = validator('query', (v, c) => {
    const quarter = quarterOf(c, deps, v.trimestre);
    if (typeof quarter !== 'string') return quarter;
    const done =
      typeof v.fait === 'string' && v.fait in DONE_WORDS ? (v.fait as keyof typeof DONE_WORDS) : undefined;
    return { quarter, done, name: typeof v.nom === 'string' ? v.nom.slice(0, 200) : '' };
  });
  const onlyCercle: MiddlewareHandler<WebEnv> = async (c, next) => {
    if (deps.node.identity.level === 'cercle') return next();
    const t = text(c.get('lang'), listesText);
    return refuse(c, 404, t.noListsTitle, t.noLists);
  };
  app.use('*', onlyCercle);

  /** The record of the address, or undefined when there is no such record (a 404 page). */
  const findRecord = async (kind: RecordKind, id: string) => {
    try {
      return await readRecord(deps.node.db, { cercle: cercle(), kind, id });
    } catch (error) {
      if (error instanceof OiseError && error.code === 'RECORD_NOT_FOUND') return undefined;
      throw error;
    }
  };
  /** A kind's list for a quarter (none for the partnerships, which hold no quarter). */
  const listOf = (kind: RecordKind, quarter: string | undefined) =>
    listRecords(deps.node.db, { cercle: cercle(), kind, quarter: quarter ?? '', now: deps.clock() });
  const noRecord = (c: Context<WebEnv>) => {
    const t = text(c.get('lang'), listesText);
    return refuse(c, 404, t.noEntryTitle, t.entryGone);
  };

  const listPage = async (c: Context<WebEnv>, kind: RecordKind, quarter: string, flash?: ListFlash) => {
    const list = await listOf(kind, quarter);
    const view = { list, choices: choices(), canEnter: roleMay(c.get('viewer').role, 'entry'), flash };
    return renderHtml(c, <RecordListPage frame={await frameOf(c, deps)} view={view} />);
  };

  const formPage = async (c: Context<WebEnv>, view: RecordFormView, status: 200 | 400 | 403 = 200) =>
    renderHtml(c, <RecordFormPage frame={await frameOf(c, deps)} view={view} />, status);

  /** After a change: back to the list (303); a record stored with remarks shows them at once. */
  const afterSave = async (
    c: Context<WebEnv>,
    kind: RecordKind,
    quarter: string,
    result: RecordSaveResult,
    done: keyof typeof DONE_WORDS,
    name: string,
  ) => {
    const remarks = result.findings.map((f) => f.message);
    if (remarks.length > 0) return listPage(c, kind, quarter, { text: doneText(c, done, name), remarks });
    const q = isPeriodKind(kind) ? `trimestre=${quarter}&` : '';
    return c.redirect(`/listes/${kind.fileWord}?${q}fait=${done}&nom=${encodeURIComponent(name)}`, 303);
  };

  /** The form again after a refusal: each message beside its field, what was typed kept. */
  const refusedForm = async (
    c: Context<WebEnv>,
    kind: RecordKind,
    quarter: string | undefined,
    id: string | undefined,
    values: Record<string, string>,
    result: RecordSaveResult,
  ) => {
    const list = await listOf(kind, quarter);
    const errors = new Map<string, string[]>();
    const general: string[] = [];
    const columns = new Set(formFields(kind).map((f) => f.column));
    for (const f of result.findings) {
      if (columns.has(f.column)) errors.set(f.column, [...(errors.get(f.column) ?? []), f.message]);
      else general.push(f.message);
    }
    const view: RecordFormView = {
      kind,
      units: list.units,
      quarter,
      id,
      values,
      errors,
      general,
      readOnly: undefined,
    };
    return formPage(c, view, result.state === 'locked' ? 403 : 400);
  };

  app.get('/', requirePermission('read'), queryQuarter, async (c) => {
    const { quarter } = c.req.valid('query');
    const counts = await countRecords(deps.node.db, { cercle: cercle(), quarter, now: deps.clock() });
    return renderHtml(
      c,
      <ListesIndexPage frame={await frameOf(c, deps)} view={{ quarter, choices: choices(), counts }} />,
    );
  });

  app.get('/:type', requirePermission('read'), kindParam, queryQuarter, async (c) => {
    const { kind } = c.req.valid('param');
    const { quarter, done, name } = c.req.valid('query');
    return listPage(c, kind, quarter, done ? { text: doneText(c, done, name), remarks: [] } : undefined);
  });

  app.get('/:type/ajouter', requirePermission('entry'), kindParam, queryQuarter, async (c) => {
    const { kind } = c.req.valid('param');
    const { quarter } = c.req.valid('query');
    const list = await listOf(kind, quarter);
    return formPage(c, {
      kind,
      units: list.units,
      quarter: list.quarter,
      id: undefined,
      values: {},
      errors: new Map(),
      general: [],
      readOnly: list.readOnly?.message,
    });
  });

  app.post('/:type/ajouter', requirePermission('entry'), kindParam, recordForm(deps), async (c) => {
    const { kind } = c.req.valid('param');
    const { values, quarter } = c.req.valid('form');
    const result = await saveRecord(deps.node.db, {
      node: node(),
      kind,
      quarter,
      values,
      now: deps.clock(),
      author: c.get('viewer').author,
    });
    const q = isPeriodKind(kind) ? quarter : undefined;
    if (result.state === 'refused' || result.state === 'locked')
      return refusedForm(c, kind, q, undefined, values, result);
    return afterSave(c, kind, quarter, result, 'ajoute', values[kind.titleColumn] ?? '');
  });

  app.get('/:type/:id/modifier', requirePermission('entry'), kindParam, async (c) => {
    const { kind, id } = c.req.valid('param');
    const record = await findRecord(kind, id);
    if (!record) return noRecord(c);
    const quarter = recordQuarter(record);
    const list = await listOf(kind, quarter);
    return formPage(c, {
      kind,
      units: list.units,
      quarter,
      id,
      values: recordFormValues(kind, record),
      errors: new Map(),
      general: [],
      readOnly: list.readOnly?.message,
    });
  });

  app.post('/:type/:id/modifier', requirePermission('entry'), kindParam, recordForm(deps), async (c) => {
    const { kind, id } = c.req.valid('param');
    const { values } = c.req.valid('form');
    const record = await findRecord(kind, id);
    if (!record) return noRecord(c);
    const quarter = recordQuarter(record);
    const result = await saveRecord(deps.node.db, {
      node: node(),
      kind,
      id,
      values,
      now: deps.clock(),
      author: c.get('viewer').author,
    });
    if (result.state === 'refused' || result.state === 'locked')
      return refusedForm(c, kind, quarter, id, values, result);
    return afterSave(c, kind, quarter ?? '', result, 'modifie', values[kind.titleColumn] ?? '');
  });

  const deletePage = async (c: Context<WebEnv>, kind: RecordKind, id: string, refusal?: string) => {
    const record = await findRecord(kind, id);
    if (!record) return noRecord(c);
    const quarter = recordQuarter(record);
    const list = await listOf(kind, quarter);
    const view = { kind, units: list.units, record, quarter, refusal: refusal ?? list.readOnly?.message };
    return renderHtml(
      c,
      <RecordDeletePage frame={await frameOf(c, deps)} view={view} />,
      refusal ? 403 : 200,
    );
  };

  app.get('/:type/:id/supprimer', requirePermission('entry'), kindParam, async (c) => {
    const { kind, id } = c.req.valid('param');
    return deletePage(c, kind, id);
  });

  app.post('/:type/:id/supprimer', requirePermission('entry'), kindParam, async (c) => {
    const { kind, id } = c.req.valid('param');
    const record = await findRecord(kind, id);
    if (!record) return noRecord(c);
    const result = await deleteRecord(deps.node.db, {
      node: node(),
      kind,
      id,
      now: deps.clock(),
      author: c.get('viewer').author,
    });
    if (result.state === 'locked') return deletePage(c, kind, id, result.message);
    const quarter = recordQuarter(record);
    const path = listPath(kind, quarter);
    const sep = path.includes('?') ? '&' : '?';
    return c.redirect(`${path}${sep}fait=supprime&nom=${encodeURIComponent(recordTitle(kind, record))}`, 303);
  });

  return app;
}

/** The quarter a stored record belongs to (undefined for a kind without one). */
function recordQuarter(record: Record<string, unknown>): string | undefined {
  return typeof record.period === 'string' ? record.period : undefined;
}

/** « Entrée ajoutée : Awa Traoré. » in the page's language. */
function doneText(c: Context<WebEnv>, done: keyof typeof DONE_WORDS, name: string): string {
  const t = text(c.get('lang'), listesText);
  return t.doneOf(t[DONE_WORDS[done]], name);
}
