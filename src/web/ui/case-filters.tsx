/** The filter fields the inbox and the case list share: text search, procedure, state, school, fiscal year. */
export interface FilterChoices {
  procedures: { id: string; title: string; states: { path: string; label: string }[] }[];
  schools: { id: string; name: string }[];
  fiscalYears: number[];
}

export interface FilterValues {
  text?: string;
  procedure?: string;
  state?: string;
  schoolOrgId?: string;
  fiscalYear?: number;
}

function Select(props: { id: string; name: string; label: string; value: string | undefined; options: [string, string][] }) {
  return (
    <div>
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        <option value="">すべて</option>
        {props.options.map(([value, label]) => (
          <option value={value} selected={props.value === value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function SearchField(props: { value?: string; label: string; placeholder?: string }) {
  return (
    <div class="search">
      <label for="f-q">{props.label}</label>
      <input type="search" id="f-q" name="q" value={props.value ?? ''} placeholder={props.placeholder} />
    </div>
  );
}

export function ProcedureAndState(props: { choices: FilterChoices; values: FilterValues }) {
  const { choices, values } = props;
  return (
    <>
      <Select id="f-procedure" name="procedure" label="手続" value={values.procedure} options={choices.procedures.map((d) => [d.id, d.title])} />
      <div>
        <label for="f-state">状態</label>
        <select id="f-state" name="state">
          <option value="">すべて</option>
          {choices.procedures.map((d) => (
            <optgroup label={d.title}>
              {d.states.map((s) => (
                <option value={s.path} selected={values.state === s.path}>
                  {s.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
    </>
  );
}

export const SchoolSelect = (props: { choices: FilterChoices; values: FilterValues }) => (
  <Select id="f-school" name="school" label="訓練校" value={props.values.schoolOrgId} options={props.choices.schools.map((s) => [s.id, s.name])} />
);

export const FiscalYearSelect = (props: { choices: FilterChoices; values: FilterValues }) => (
  <Select
    id="f-fy"
    name="fy"
    label="年度"
    value={props.values.fiscalYear === undefined ? undefined : String(props.values.fiscalYear)}
    options={props.choices.fiscalYears.map((y) => [String(y), `${y}年度`])}
  />
);
