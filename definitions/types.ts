/**
 * The contract between a procedure definition and the engine.
 *
 * A definition is pure data plus zod schemas and pure functions: no I/O. It is the single source of everything
 * about its procedure (states, deadlines, forms, rules, settings, messages, prefill, facts); the engine, db,
 * http, web, notify and diagrams only ever read it through this interface, so adding a procedure never touches them.
 */
import type { AnyStateMachine } from 'xstate';
import type { z } from 'zod';
import type { IsoDate, Offset } from '../src/domain/dates.js';
import type { DisplayItem } from './common/display.js';
import type { DocumentLayout } from './common/document-layout.js';

export const ROLES = ['school', 'hq', 'center', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act for an organisation, and can be a party to a deadline or a message. */
export type Party = 'school' | 'center' | 'hq';

/** A date HQ sets each fiscal year for one procedure (a soft deadline's anchor), with its default. */
export interface SettingDefinition {
  /** Unique within the procedure, e.g. 'questionFiling'. */
  key: string;
  /** Japanese label for pages, the CLI and errors, e.g. '技能照査試験問題等の提出日'. */
  label: string;
  /** The date used for a fiscal year HQ has not set (manual's "early October" -> the 7th). */
  default: (fiscalYear: number) => IsoDate;
}

/** One procedure's settings for one fiscal year (defaults where HQ has not set them); ISO dates by key. */
export interface FiscalYearSettings {
  fiscalYear: number;
  values: Readonly<Record<string, IsoDate>>;
}

/** Settings of any fiscal year: a case spanning years reads later ones. */
export type SettingsOf = (fiscalYear: number) => FiscalYearSettings;

/** Who sent an event: a user, or the scheduler delivering a timer. */
export interface Actor {
  kind: 'user' | 'scheduler';
  userId: string | null;
  role: Role | 'system';
  orgId: string | null;
}

/**
 * Every event the machines see. `at` is the instant the engine applied it (the injected clock), so guards
 * never read the wall clock; `settings` are the procedure's fiscal-year settings of the case's year.
 */
export interface EngineEvent<TType extends string = string, TData = unknown> {
  type: TType;
  data: TData;
  at: string;
  actor: Actor;
  settings: FiscalYearSettings;
  settingsOf?: SettingsOf;
  /** The school's other open cases, given with the events a definition's `schoolCases` names (absent otherwise). */
  schoolCases?: OpenSchoolCase[];
}

/** A 訓練科 as the manual names it: 系 and 科 (e.g. 機械系 機械加工科). */
export interface CourseRef {
  kei: string;
  ka: string;
}

/** Another open case of the same school, as a rule of `schoolCases` sees it. */
export interface OpenSchoolCase {
  id: string;
  procedure: string;
  /** The procedure's title, e.g. '技能照査'. */
  procedureTitle: string;
  title: string;
  stateLabel: string;
  /** The 訓練科 it concerns (its definition's `courses`); empty when it concerns the school as a whole. */
  courses: CourseRef[];
}

/** The event the scheduler sends when a deadline timer comes due. */
export interface DeadlineEventData {
  deadline: string;
  kind: TimerKind;
  nominal: IsoDate;
  effective: IsoDate;
}
export type TimerKind = 'reminder' | 'due' | 'overdue';
export const DEADLINE_EVENT = 'DEADLINE';
export type DeadlineEvent = EngineEvent<typeof DEADLINE_EVENT, DeadlineEventData>;
/** A deadline timer as a case records it, with the day it arrived. */
export type DeadlineNotice = DeadlineEventData & { on: IsoDate };

/** The events of a procedure, typed from its forms: `{ QUESTIONS_FILED: schema, ... }` -> a union of events. */
export type FormEvents<F extends Record<string, z.ZodType>> = {
  [K in keyof F & string]: EngineEvent<K, z.output<F[K]>>;
}[keyof F & string];

/** Everything a procedure's machine receives: its form events and the scheduler's deadline event. */
export type MachineEventsOf<F extends Record<string, z.ZodType>> = FormEvents<F> | DeadlineEvent;

/** The event of one type, e.g. `EventOf<SkillCheckEvent, 'QUESTIONS_FILED'>`. */
export type EventOf<E extends { type: string }, T extends E['type']> = Extract<E, { type: T }>;

/** A statutory rule broken by an event: the engine answers 422 with it. */
export interface RuleViolation {
  rule: string;
  message: string;
  nominal?: IsoDate;
  effective?: IsoDate;
  remedy: string;
}

/** A statutory rule: a pure check of an event against the case. Named on the transitions it guards. */
export type Rule<TContext, TEvent = EngineEvent> = (context: TContext, event: TEvent) => RuleViolation | null;

/**
 * A procedure's rules by name. Each rule is typed by the event it checks; the table forgets the event type
 * (a function of a narrower event is assignable to one of `never`), and the `rules` guard is only ever
 * placed on transitions of that event (checked when the definition is registered).
 */
export type RuleTable<TContext> = Record<string, Rule<TContext, never>>;

export interface DeadlineRule<TContext = any> {
  name: string;
  /** Japanese label shown to users, e.g. '技能照査実施届出'. */
  label: string;
  form?: string;
  /** The party who must act by the deadline. */
  party: Party;
  /** The office told when it is missed. */
  supervisor: Party;
  enforcement: 'hard' | 'soft';
  anchor: {
    label: string;
    resolve: (context: TContext, settings: FiscalYearSettings, settingsOf: SettingsOf) => IsoDate | null;
  };
  offset: Offset;
  direction: 'before' | 'after';
  /** Reminders, in days before the effective date. */
  reminders: number[];
  /**
   * What the party can do when the deadline cannot be met (shown in reminders, missed notices and 422s),
   * e.g. '試験実施予定日を変更してください'. Hard deadlines need one.
   */
  remedy?: string;
  /**
   * 'previous-open-day' (default): a "submit by" day that falls on a closed day moves back to the previous open
   * day. 'none': a period that simply elapses (5 years of suspension) ends on its nominal day.
   */
  closedDays?: 'previous-open-day' | 'none';
}

/** What a message about an event tells its reader, computed when the event is applied. */
export interface MessageArgs<TContext, TData> {
  /** The case after the event. */
  context: TContext;
  data: TData;
}

export interface EventNotice<TContext = any, TData = any> {
  to: Party;
  template: 'received' | 'decision';
  /**
   * What the reader must do now, in the procedure's own terms (its 様式, its rules and dates). Without it a
   * received message asks to check the filing and a decision asks to read it.
   */
  todo?(args: MessageArgs<TContext, TData>): string[];
  /** Whether the message shows the submitted content (labels and tables from the event's schema). Default true. */
  showData?: boolean;
}

export interface EventDefinition<TContext = any, TSchema extends z.ZodType = z.ZodType> {
  type: string;
  label: string;
  form?: string;
  roles: Role[];
  schema: TSchema;
  /** Parties told that this event happened (submission received, decision made), with the text for each. */
  notify?: EventNotice<TContext, z.output<TSchema>>[];
  /**
   * A form's starting values from the case (results rows from the roster, numbers from the passers), in the
   * shape of the payload; the pages show them and the filer corrects what differs.
   */
  prefill?(context: TContext): Record<string, unknown>;
}

export interface StateMeta {
  /** Japanese label for pages and diagrams. */
  label: string;
  /** The party the case waits on in this state (inbox). */
  waitingOn?: Party;
  /** Deadline rules owned by this state: armed on entry, cancelled on exit. */
  deadlines?: string[];
  /**
   * The procedure's work is done here although the state still accepts a late correction (a delivered skill
   * check can still have a pass revoked): the case counts as done in lists and figures.
   */
  closed?: boolean;
}

/** Facts about a case that messages and pages show beside its title (訓練科, 年度...), as label/value pairs. */
export type CaseFacts = [label: string, value: string][];

export interface ProcedureDefinition<TContext = any> {
  id: string;
  version: number;
  title: string;
  description: string;
  /**
   * The statechart: plain JSON config (guards and actions named, with params) built with the
   * implementations of `machines/`. `machine.config` without `context` is what GET .../machine.json serves.
   */
  machine: AnyStateMachine;
  /** The statutory rules the machine's `rules` guards name. */
  rules: RuleTable<TContext>;
  /** Case input; the engine adds schoolOrgId and fiscalYear handling. */
  inputSchema: z.ZodType;
  /** Which roles may open a case. */
  createRoles: Role[];
  /** The fiscal year a case belongs to, from its input. */
  fiscalYearOf: (input: any) => number;
  /** The fiscal-year dates HQ sets for this procedure. */
  settings: SettingDefinition[];
  /**
   * A case this one refers to (a reissue names the skill check that issued the certificate). The engine
   * loads it, checks the opener may see it and that its procedure is listed, and passes it to the machine
   * input as `linkedCase`.
   */
  link?: {
    caseIdOf: (input: any) => string | undefined;
    procedures: string[];
    /** Why the linked case cannot serve (wrong kind, not finished...): the engine answers 422 at creation. */
    problems?: (input: any, linked: LinkedCase) => string[];
  };
  /** A short Japanese title for lists ('機械系 機械加工科 技能照査'). */
  caseTitle: (context: TContext) => string;
  /** Facts messages and pages show about the case (the course...). */
  facts: (context: TContext) => CaseFacts;
  events: Record<string, EventDefinition<TContext>>;
  deadlines: Record<string, DeadlineRule<TContext>>;
  /** Example cases for the demo data set, dated from the day the demo runs. */
  demo?: (when: { today: IsoDate; fiscalYear: number }) => DemoCase[];
  /**
   * What the case holds now, for its page: rosters with eligibility, scores and pass/fail, numbers (labels and
   * tables, like a submitted payload is shown).
   */
  summary?: (context: TContext) => DisplayItem[];
  /** The 様式 and certificates the case can print (GET /api/cases/:id/documents/...), laid out like the manual. */
  documents?: DocumentDefinition<TContext>[];
  /**
   * The figures a case counts for (examinees, passers... per course), stored with every step so HQ's statistics
   * and other procedures' prefills read them without knowing the procedure.
   */
  statistics?: StatisticsDefinition<TContext>;
  /**
   * Other cases of the same school this one reads when it is opened (a report prefilled from last year's skill
   * checks). The engine loads them and passes them to the machine input as `relatedCases`.
   */
  related?: {
    procedures: string[];
    /** The fiscal year whose cases are read, from this case's input. */
    fiscalYearOf: (input: any) => number;
  };
  /** Cases the engine opens by itself, one per school each fiscal year (a plan every school files on 1 April). */
  openings?: OpeningRule;
  /**
   * The 訓練科 a case concerns (a skill check its course, a suspension the suspended training); left out or empty:
   * the school as a whole (a yearly plan). Other procedures' rules compare them (see `schoolCases`).
   */
  courses?: (context: TContext) => CourseRef[];
  /** Events whose rules read the school's other open cases: the engine passes them as `event.schoolCases`. */
  schoolCases?: { events: string[] };
}

/** A figure a procedure reports, e.g. { key: 'passers', label: '合格者数' }. */
export interface FigureDefinition {
  key: string;
  label: string;
}

/** One case's figures for one course (a skill check has one course; a report lists several). */
export interface FigureRow {
  /** 系, e.g. '機械系' ('' when the procedure has none). */
  family: string;
  /** 科 or course name, e.g. '機械加工科'. */
  course: string;
  /** Values by figure key; a key left out counts as 0. */
  values: Record<string, number>;
}

/** A ratio of two figures, e.g. 合格率 = 合格者数 ÷ 受検者数 (shown as a percentage, '—' where the denominator is 0). */
export interface RateDefinition {
  key: string;
  label: string;
  numerator: string;
  denominator: string;
}

export interface StatisticsDefinition<TContext = any> {
  figures: FigureDefinition[];
  rates?: RateDefinition[];
  /** The case's figures now (an empty list while there is nothing to count). */
  rows: (context: TContext) => FigureRow[];
}

/** What the engine tells a definition about another case of the school (see `related`). */
export interface RelatedCase {
  id: string;
  procedure: string;
  title: string;
  state: string;
  /** The case is done (finished, or closed although it still accepts a late correction). */
  done: boolean;
  figures: FigureRow[];
}

/** A school's case as `openings.appliesTo` sees it (an abolished school gets no plan). */
export interface SchoolCaseSummary {
  procedure: string;
  state: string;
  done: boolean;
  fiscalYear: number;
}

export interface OpeningRule {
  /** The day the year's cases are opened (the engine opens them on its first pass on or after it, Tokyo time). */
  opensOn: (fiscalYear: number) => IsoDate;
  /** Whether the school gets a case this year, from its registration and its cases. Default: every school. */
  appliesTo?: (school: SchoolOrg, cases: SchoolCaseSummary[], fiscalYear: number) => boolean;
  /** The case input (the engine adds schoolOrgId); it must pass `inputSchema`. */
  input: (fiscalYear: number, school: SchoolOrg) => Record<string, unknown>;
}

/** What the shell tells a layout about the case beside its context (names from the registrations, the trace). */
export interface DocumentFacts {
  schoolName: string;
  /** The school's regional centre, or '' when it has none. */
  centerName: string;
  caseId: string;
  /** The case version the document is produced from (also printed in every page's footer). */
  version: number;
  /** The instant the document is produced (ISO). */
  producedAt: string;
}

/**
 * One printable document of a procedure. The layout is pure (no PDF library): the shell renders it on A4 with
 * an embedded Japanese font and a footer naming the case, its version and when it was produced.
 */
export interface DocumentDefinition<TContext = any> {
  /** The form's id as the manual names it, e.g. '様式21'; unique within the procedure. */
  form: string;
  /** e.g. '技能照査合格証書'. */
  title: string;
  /** ASCII key for URLs and downloaded file names, e.g. 'form-21' (letters, digits, '-', '_'); default: the form id. */
  fileName?: string;
  /** The submission event(s) this document belongs to, for "all forms of a submission" as one PDF. */
  events?: string[];
  /** Whether the case holds what the document needs (the submission was made, numbers were issued...). */
  available: (context: TContext) => boolean;
  layout: (context: TContext, facts: DocumentFacts) => DocumentLayout;
}

export type AnyProcedureDefinition = ProcedureDefinition<any>;

/** An example case for `npm run cli -- demo`: opened by one of the two demo schools, then advanced by the events. */
export interface DemoCase {
  /** Which demo school it is about (0 or 1). */
  school: 0 | 1;
  /** Who opens it (default: that school); the centre or HQ open it for the school (`schoolOrgId` is added). */
  openedBy?: Party;
  input: Record<string, unknown>;
  /** The day it is opened (default: the day the demo runs); the demo's clock is moved there. */
  openedOn?: IsoDate;
  /** Events in order, each sent by a demo user of the given party (the opening school, its centre or HQ) on its day (default: the day the demo runs); timers due in between fire on their way. */
  events: { type: string; by: Party; data: Record<string, unknown>; on?: IsoDate }[];
  /** A case this one links to (a reissue's original certificate), seeded first; its id goes into `input[field]`. */
  linked?: { procedure: string; field: string; demo: DemoCase };
}

/** What a machine's input receives about the school, from its registration (the engine adds it). */
export interface SchoolOrg {
  id: string;
  name: string;
  /** 職業訓練法人 */
  trainingCorporation: boolean;
}

/** What a machine's input receives about a linked case. */
export interface LinkedCase {
  id: string;
  procedure: string;
  state: string;
  context: unknown;
}
