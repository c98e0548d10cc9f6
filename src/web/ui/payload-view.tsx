/** A submitted payload as a reader sees it: the definition's display items (labels, tables), never raw JSON. */
import type { DisplayItem } from '../../../definitions/common/display.js';

export function PayloadView({ items }: { items: DisplayItem[] }) {
  if (!items.length) return null;
  return (
    <div class="payload">
      <dl class="facts">
        {items.filter((i): i is Extract<DisplayItem, { value: string }> => 'value' in i).map((i) => (
          <>
            <dt>{i.label}</dt>
            <dd>{i.value}</dd>
          </>
        ))}
      </dl>
      {items
        .filter((i): i is Extract<DisplayItem, { table: unknown }> => 'table' in i)
        .map((i) => (
          <div class="table-scroll">
            <table>
              <caption>{i.label}（{i.table.rows.length}件）</caption>
              <thead>
                <tr>
                  {i.table.columns.map((c) => (
                    <th scope="col">{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {i.table.rows.map((r) => (
                  <tr>
                    {r.map((cell) => (
                      <td>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </div>
  );
}
