import { useId, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { FormattedMessage, type PrimitiveType } from 'react-intl';

/** A text from the catalogs: its message id and, where the message has placeholders, their values. */
export interface Message {
  id: string;
  values?: Record<string, PrimitiveType>;
}

/**
 * For a message's `<hidden>` part: a link in a row ("See absence") names its row ("See Emma's absence") for screen
 * readers, which read it out of the table, while the row's own heading names it on screen, and a phone's narrow
 * column keeps the short text on one line.
 */
export const screenReaderPart = { hidden: (chunks: ReactNode[]) => <span className="visually-hidden">{chunks}</span> };

/**
 * What names the table: a caption for screen readers only (the page's heading names it on screen), or the id of
 * the visible heading above it.
 */
type Name = { caption: Message; labelledBy?: never } | { labelledBy: string; caption?: never };

/** A table's columns (a column shown only sometimes is written `condition && { id }`) and what names it. */
export type DataTableProps = Name & { columns: (Message | false)[] };

/**
 * A table of rows under one row of column headings, scrolling sideways inside its own box on a narrow phone
 * rather than widening the page. While it does, the box is a named region that takes keyboard focus, so that it
 * can be scrolled without a mouse (WCAG 2.1.1). The rows (`<tr>`, a `<th scope="row">` first) are the children.
 */
export function DataTable({ columns, caption, labelledBy, children }: DataTableProps & { children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const captionId = useId();
  const scrolls = useScrollsSideways(box);
  const region = scrolls ? { role: 'region', tabIndex: 0, 'aria-labelledby': caption ? captionId : labelledBy } : {};
  return (
    <div className="table-wrap" ref={box} {...region}>
      <table>
        {caption && <caption id={scrolls ? captionId : undefined} className="visually-hidden"><FormattedMessage id={caption.id} values={caption.values} /></caption>}
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

/**
 * Whether the box is narrower than the table in it, as the window, the language and the rows change (each changes
 * the size of the box or of the table, which the observer watches). The answer is in the page before it is painted,
 * so that nothing (a person, or axe) meets a box that scrolls but cannot be focused: the observer's callback runs
 * after layout and before the paint, and renders at once (flushSync) rather than in a later task.
 */
function useScrollsSideways(ref: RefObject<HTMLElement | null>): boolean {
  const [scrolls, setScrolls] = useState(false);
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box || typeof ResizeObserver === 'undefined') return;
    // An observer reports each element once when it starts observing, before the page is painted.
    const observer = new ResizeObserver(() => {
      const now = box.scrollWidth > box.clientWidth;
      flushSync(() => setScrolls(now));
    });
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    return () => observer.disconnect();
  }, [ref]);
  return scrolls;
}
