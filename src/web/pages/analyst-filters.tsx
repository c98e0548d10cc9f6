/** The filter form of the analyst pages (fiscal year, school, centre); hidden fields keep the rest of the query. */
import { fiscalYearLabel } from '../../domain/fiscal-year.js';
import type { AnalystFilter } from '../analyst/queries.js';

export interface Choices {
  schools: { id: string; name: string }[];
  centers: { id: string; name: string }[];
  fiscalYears: number[];
}

export function FilterForm(p: { action: string; filter: AnalystFilter; choices: Choices; keep: Record<string, string> }) {
  const years = [...new Set([...p.choices.fiscalYears, ...(p.filter.fiscalYear !== null ? [p.filter.fiscalYear] : [])])].sort();
  return (
    <form method="get" action={p.action} class="filters analyst-filters" aria-label="絞り込み">
      {Object.entries(p.keep).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <div>
        <label for="f-fy">年度</label>
        <select id="f-fy" name="fy">
          <option value="">すべての年度</option>
          {years.map((y) => (
            <option value={String(y)} selected={p.filter.fiscalYear === y}>
              {fiscalYearLabel(y)}（{y}年度）
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="f-school">訓練校</label>
        <select id="f-school" name="school">
          <option value="">すべての訓練校</option>
          {p.choices.schools.map((s) => (
            <option value={s.id} selected={p.filter.schoolId === s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="f-center">センター</label>
        <select id="f-center" name="center">
          <option value="">すべてのセンター</option>
          {p.choices.centers.map((s) => (
            <option value={s.id} selected={p.filter.centerId === s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="f-since">案件の開始日（から）</label>
        <input type="date" id="f-since" name="since" value={p.filter.since ?? ''} />
      </div>
      <div>
        <label for="f-until">案件の開始日（まで）</label>
        <input type="date" id="f-until" name="until" value={p.filter.until ?? ''} />
      </div>
      <div>
        <button type="submit">絞り込む</button>
      </div>
    </form>
  );
}
