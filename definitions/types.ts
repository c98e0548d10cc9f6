/**
 * The contract between a procedure definition and the engine.
 *
 * A definition is pure data plus zod schemas and pure functions: no I/O. The engine only ever talks to a
 * procedure through this interface, so adding a procedure never touches the engine.
 */
import type { AnyStateMachine } from 'xstate';
import type { z } from 'zod';
import type { IsoDate, Offset } from '../src/domain/dates.js';

export const ROLES = ['school', 'hq', 'center', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act for an organisation, and can be a party to a deadline or a message. */
export type Party = 'school' | 'center' | 'hq';

/** Fiscal-year dates HQ sets each year (soft deadlines); ISO dates. */
export interface FiscalYearSettings {
  fiscalYear: number;
  skillCheckQuestionFiling: IsoDate;
  skillCheckReviewResult: IsoDate;
  suspensionRefiling: IsoDate;
}

/** Settings of any fiscal year (defaults where HQ has not set them): a case spanning years reads later ones. */
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
 * never read the wall clock; `settings` are the fiscal-year settings of the case's year.
 */
export interface EngineEvent<TData = unknown> {
  type: string;
  data: TData;
  at: string;
  actor: Actor;
  settings: FiscalYearSettings;
  settingsOf?: SettingsOf;
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

/** A statutory rule broken by an event: the engine answers 422 with it. */
export interface RuleViolation {
  rule: string;
  message: string;
  nominal?: IsoDate;
  effective?: IsoDate;
  remedy: string;
}

export type Rule<TContext> = (context: TContext, event: EngineEvent<any>) => RuleViolation | null;

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
   * 'previous-open-day' (default): a "submit by" day that falls on a closed day moves back to the previous open
   * day. 'none': a period that simply elapses (5 years of suspension) ends on its nominal day.
   */
  closedDays?: 'previous-open-day' | 'none';
}

export interface EventDefinition<TContext = any> {
  type: string;
  label: string;
  form?: string;
  roles: Role[];
  schema: z.ZodType;
  /** Statutory rules checked before the transition; the machine's guards use the same functions. */
  rules?: Rule<TContext>[];
  /** Parties told that this event happened (submission received, decision made). */
  notify?: { to: Party; template: 'received' | 'decision' }[];
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

export interface ProcedureDefinition<TContext = any> {
  id: string;
  version: number;
  title: string;
  description: string;
  machine: AnyStateMachine;
  /** Case input; the engine adds schoolOrgId and fiscalYear handling. */
  inputSchema: z.ZodType;
  /** Which roles may open a case. */
  createRoles: Role[];
  /** The fiscal year a case belongs to, from its input. */
  fiscalYearOf: (input: any) => number;
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
  events: Record<string, EventDefinition<TContext>>;
  deadlines: Record<string, DeadlineRule<TContext>>;
}

export type AnyProcedureDefinition = ProcedureDefinition<any>;

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
