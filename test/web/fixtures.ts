/** Skill-check cases brought to a given state through the engine, and the notice as posted form fields. */
import type { World } from '../support/world.js';
import * as pay from '../support/skill-check-payloads.js';

export async function caseIn(w: World, state: 'questionsDrafting' | 'questionReview' | 'preparing', who = w.users.school.principal, over: Record<string, unknown> = {}) {
  const c = await w.engine.createCase(who, 'skill-check', pay.skillCheckInput(over));
  if (state === 'questionsDrafting') return c;
  await w.engine.applyEvent(who, c.id, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() });
  if (state === 'questionReview') return c;
  await w.engine.applyEvent(w.users.hq.principal, c.id, { type: 'REVIEW_APPROVED', data: {} });
  return c;
}

export function noticeForm(date: string): Record<string, string> {
  const n = pay.implementationNotice(date);
  return {
    representative: n.representative,
    'course.kei': n.course.kei,
    'course.ka': n.course.ka,
    'written.date': n.written.date,
    'written.start': n.written.start,
    'written.end': n.written.end,
    'written.place': n.written.place,
    'practical.date': n.practical.date,
    'practical.start': n.practical.start,
    'practical.end': n.practical.end,
    'practical.place': n.practical.place,
    expectedExaminees: String(n.expectedExaminees),
    ...rosterFields(n.roster),
  };
}

/** A roster as the row editor posts it: `roster.0.name`, `roster.0.subjects.1.plannedHours`. */
export function rosterFields(roster: ReturnType<typeof pay.implementationNotice>['roster'], name = 'roster'): Record<string, string> {
  const out: Record<string, string> = {};
  roster.forEach((r, i) => {
    out[`${name}.${i}.traineeId`] = r.traineeId;
    out[`${name}.${i}.name`] = r.name;
    out[`${name}.${i}.birthDate`] = r.birthDate;
    r.subjects.forEach((s, j) => {
      out[`${name}.${i}.subjects.${j}.subject`] = s.subject;
      out[`${name}.${i}.subjects.${j}.plannedHours`] = String(s.plannedHours);
      out[`${name}.${i}.subjects.${j}.attendedHours`] = String(s.attendedHours);
    });
  });
  return out;
}
