/**
 * A case's documents, read generically from its definition (`documents`): which are available, and each one
 * (or all of one submission's) as PDF. Access is exactly that of reading the case (the engine's getCase).
 * Documents are produced on request and never stored: the case is the truth, the footer names its version.
 *
 * Keys: a document is addressed by its `fileName` (ASCII, e.g. `form-21`) or by its form id, URL-encoded
 * (`%E6%A7%98%E5%BC%8F21`); a submission by its event type.
 */
import { sql } from 'drizzle-orm';
import type { AnyProcedureDefinition, DocumentDefinition, DocumentFacts } from '../../definitions/types.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import type { Principal } from '../db/directory.js';
import { organizations } from '../db/schema.js';
import type { Engine } from '../engine/engine.js';
import { AppError } from '../errors.js';
import { renderPdf } from './render-pdf.js';

export const documentKey = (d: DocumentDefinition): string => d.fileName ?? d.form;

export interface DocumentListing {
  form: string;
  title: string;
  key: string;
  /** Path under the case, e.g. `documents/form-21.pdf` (the API and the pages share it). */
  path: string;
  events: string[];
  available: boolean;
}

export interface SubmissionListing {
  event: string;
  label: string;
  forms: string[];
  path: string;
}

export interface ProducedPdf {
  pdf: Buffer;
  /** ASCII file name for Content-Disposition, e.g. `form-21.pdf`. */
  fileName: string;
  /** The Japanese title (for filename*). */
  title: string;
  version: number;
}

const notFoundDoc = (code: string, message: string, details?: unknown) => new AppError(404, code, message, details);

export function documentPath(d: DocumentDefinition): string {
  return `documents/${encodeURIComponent(documentKey(d))}.pdf`;
}

function isAvailable(d: DocumentDefinition, context: unknown): boolean {
  try {
    return d.available(context);
  } catch {
    return false;
  }
}

/** The documents of a definition with their availability for this context. */
export function listDocuments(definition: AnyProcedureDefinition, context: unknown): DocumentListing[] {
  return (definition.documents ?? []).map((d) => ({
    form: d.form,
    title: d.title,
    key: documentKey(d),
    path: documentPath(d),
    events: d.events ?? [],
    available: isAvailable(d, context),
  }));
}

/** The submissions with at least one available document: one combined PDF each. */
export function listSubmissions(definition: AnyProcedureDefinition, context: unknown): SubmissionListing[] {
  const out = new Map<string, SubmissionListing>();
  for (const d of definition.documents ?? []) {
    if (!isAvailable(d, context)) continue;
    for (const type of d.events ?? []) {
      const entry = out.get(type) ?? { event: type, label: definition.events[type]?.label ?? type, forms: [], path: `documents/submission/${encodeURIComponent(type)}.pdf` };
      entry.forms.push(d.form);
      out.set(type, entry);
    }
  }
  return [...out.values()];
}

/** Finds a document by its key: the fileName, or the (decoded) form id. */
export function findDocument(definition: AnyProcedureDefinition, key: string): DocumentDefinition | undefined {
  return (definition.documents ?? []).find((d) => d.fileName === key || d.form === key);
}

export interface DocumentServiceDeps {
  engine: Engine;
  db: Db;
  clock: Clock;
}

export function createDocumentService({ engine, db, clock }: DocumentServiceDeps) {
  async function load(p: Principal, caseId: string) {
    const view = await engine.getCase(p, caseId);
    const definition = engine.definitionOf(view);
    return { view, definition };
  }

  async function factsOf(view: Awaited<ReturnType<typeof load>>['view']): Promise<DocumentFacts> {
    const ids = [view.schoolOrgId, view.centerOrgId].filter((x): x is string => !!x);
    const rows = await db
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(sql`${organizations.id} IN (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`);
    const names = new Map(rows.map((r) => [r.id, r.name]));
    return {
      schoolName: names.get(view.schoolOrgId) ?? '',
      centerName: view.centerOrgId ? (names.get(view.centerOrgId) ?? '') : '',
      caseId: view.id,
      version: view.version,
      producedAt: clock.now().toISOString(),
    };
  }

  async function render(view: Awaited<ReturnType<typeof load>>['view'], docs: DocumentDefinition[], fileName: string, title: string): Promise<ProducedPdf> {
    const facts = await factsOf(view);
    const parts = docs.map((d) => ({ title: d.title, layout: d.layout(view.context, facts) }));
    const pdf = await renderPdf(parts, { caseId: view.id, version: view.version, producedAt: new Date(facts.producedAt) });
    return { pdf, fileName, title, version: view.version };
  }

  return {
    /** The case's documents (available or not) and its submissions with at least one available document. */
    async list(p: Principal, caseId: string) {
      const { view, definition } = await load(p, caseId);
      return { caseId: view.id, version: view.version, documents: listDocuments(definition, view.context), submissions: listSubmissions(definition, view.context) };
    },

    /** One document as PDF; 404 `document_not_found` (unknown key) or `document_not_available` (not yet). */
    async one(p: Principal, caseId: string, key: string): Promise<ProducedPdf> {
      const { view, definition } = await load(p, caseId);
      const doc = findDocument(definition, key);
      if (!doc) {
        throw notFoundDoc('document_not_found', `この手続に「${key}」という書類はありません`, { known: (definition.documents ?? []).map(documentKey) });
      }
      if (!isAvailable(doc, view.context)) {
        throw notFoundDoc('document_not_available', `「${doc.title}」（${doc.form}）はまだ作成できません（必要な届出・申請が済んでいません）`);
      }
      return render(view, [doc], `${documentKey(doc)}.pdf`, doc.title);
    },

    /** Every available document of one submission, in the definition's order, as one PDF. */
    async submission(p: Principal, caseId: string, eventType: string): Promise<ProducedPdf> {
      const { view, definition } = await load(p, caseId);
      const all = (definition.documents ?? []).filter((d) => d.events?.includes(eventType));
      if (!all.length) throw notFoundDoc('submission_not_found', `この手続の「${eventType}」には書類がありません`);
      const docs = all.filter((d) => isAvailable(d, view.context));
      const label = definition.events[eventType]?.label ?? eventType;
      if (!docs.length) throw notFoundDoc('document_not_available', `「${label}」の書類はまだ作成できません（届出・申請が済んでいません）`);
      return render(view, docs, `${eventType.toLowerCase().replace(/[^a-z0-9_-]/g, '-')}.pdf`, `${label}（${docs.map((d) => d.form).join('・')}）`);
    },
  };
}

export type DocumentService = ReturnType<typeof createDocumentService>;

/** Content-Disposition for a produced PDF: ASCII name plus the Japanese title (RFC 6266 filename*). */
export function contentDisposition(doc: ProducedPdf, disposition: 'inline' | 'attachment' = 'inline'): string {
  return `${disposition}; filename="${doc.fileName}"; filename*=UTF-8''${encodeURIComponent(`${doc.title}.pdf`)}`;
}

/** The HTTP response of a produced PDF (the API and the pages answer the same). */
export function pdfResponse(doc: ProducedPdf): Response {
  return new Response(new Uint8Array(doc.pdf), {
    status: 200,
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': contentDisposition(doc),
      'Cache-Control': 'private, no-store',
      'X-Case-Version': String(doc.version),
    },
  });
}
