// The markup every table in the web app shares: a box that scrolls sideways on a phone, column headings from the
// catalogs marked as such for screen readers, and the rows the page gives it.
import { describe, expect, it } from 'vitest';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { IntlProvider } from 'react-intl';
import { messagesFor } from '../../i18n/test-messages';
import { DataTable, type DataTableProps } from './DataTable';

function render(locale: string, props: DataTableProps, rows: ReactNode): string {
  return renderToStaticMarkup(createElement(IntlProvider, { locale, messages: messagesFor(locale), defaultLocale: 'nb' }, createElement(DataTable, { ...props, children: rows })));
}

const row = createElement('tr', null, createElement('th', { scope: 'row' }, 'Solbakken skole'), createElement('td', null, '2'));

describe('a table of rows', () => {
  it('heads each column with its message, scoped to the column, above the rows the page gives', () => {
    expect(render('nb', { labelledBy: 'schools-heading', columns: [{ id: 'owner.school' }, { id: 'owner.kind' }] }, row)).toBe(
      '<div class="table-wrap"><table><thead><tr><th scope="col">Skole</th><th scope="col">Skoleslag</th></tr></thead>'
      + '<tbody><tr><th scope="row">Solbakken skole</th><td>2</td></tr></tbody></table></div>',
    );
  });

  it('names the table for screen readers in the reader\'s language, fills in a heading\'s values and leaves out a column not shown', () => {
    const columns = [{ id: 'absenceOverview.student' }, false as const, { id: 'absenceOverview.recent', values: { weeks: 8 } }];
    expect(render('en', { caption: { id: 'absenceOverview.caption' }, columns }, null)).toBe(
      '<div class="table-wrap"><table><caption class="visually-hidden">Absence per student</caption>'
      + '<thead><tr><th scope="col">Student</th><th scope="col">Last 8 weeks</th></tr></thead><tbody></tbody></table></div>',
    );
  });
});
