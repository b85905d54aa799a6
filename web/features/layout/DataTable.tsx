import type { ReactNode } from 'react';
import { FormattedMessage, type PrimitiveType } from 'react-intl';

/** A text from the catalogs: its message id and, where the message has placeholders, their values. */
export interface Message {
  id: string;
  values?: Record<string, PrimitiveType>;
}

/**
 * A table of rows under one row of column headings, scrolling sideways inside its own box on a narrow phone
 * rather than widening the page. A column shown only sometimes is written `condition && { id }`, as a JSX
 * element would be. The caption names the table for screen readers only: the page's heading names it on screen.
 * The rows (`<tr>`, a `<th scope="row">` first) are the children.
 */
export function DataTable({ columns, caption, children }: { columns: (Message | false)[]; caption?: Message; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table>
        {caption && <caption className="visually-hidden"><FormattedMessage id={caption.id} values={caption.values} /></caption>}
        <thead>
          <tr>
            {columns.filter((c) => c !== false).map((c) => <th key={c.id} scope="col"><FormattedMessage id={c.id} values={c.values} /></th>)}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
