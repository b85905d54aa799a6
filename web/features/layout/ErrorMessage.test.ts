// What a refused request looks like to the reader: the message for the error's code and, for a refused form,
// each field's problem, in the reader's own language, from the issues the server sends (shared/errors.ts).
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { IntlProvider } from 'react-intl';
import type { FieldIssue } from '@shared/errors';
import { ApiError } from '../../lib/api';
import { messagesFor } from '../../i18n/test-messages';
import { ErrorMessage } from './ErrorMessage';

function render(locale: string, props: Parameters<typeof ErrorMessage>[0]): string {
  const html = renderToStaticMarkup(createElement(IntlProvider, { locale, messages: messagesFor(locale), defaultLocale: 'nb' }, createElement(ErrorMessage, props)));
  return html.replace(/<[^>]+>/g, '|').replace(/\|+/g, '|');
}

// The issues the server answers POST /api/conversations with for an empty subject and an unknown topic.
const issues: FieldIssue[] = [
  { path: 'body.subject', code: 'too_small', message: 'Too small: expected string to have >=1 characters' },
  { path: 'body.topic', code: 'invalid_value', message: 'Invalid option' },
];

describe('an error shown to the reader', () => {
  it('lists what is wrong with each field under the general message, in nynorsk', () => {
    expect(render('nn', { error: new ApiError(400, 'validation_failed', issues) })).toBe(
      '|Noko i skjemaet er ikkje rett fylt ut.|Eitt av felta: Er for kort eller for lite, eller for få er valde.|Eitt av felta: Er ikkje eitt av vala som er tillatne.|',
    );
  });

  it('lists them in English for an English reader', () => {
    expect(render('en', { error: new ApiError(400, 'validation_failed', issues) })).toContain('|One of the fields: Too short or too small, or too few chosen.|');
  });

  it("shows an issue code it does not know as a plain 'not valid', never the server's English text", () => {
    const html = render('nb', { error: new ApiError(400, 'validation_failed', [{ path: 'body.x', code: 'made_up', message: 'Server text' }]) });
    expect(html).toContain('Et av feltene: Er ikke gyldig.');
    expect(html).not.toContain('Server text');
  });

  it('shows the real code of the error, and no field list for other errors', () => {
    expect(render('nb', { error: new ApiError(413, 'payload_too_large') })).toBe('|Det du sendte, er for stort. Gjør teksten kortere eller vedleggene mindre.|');
    // A content warning's issues are the page's to show as warnings, not field problems.
    expect(render('nb', { error: new ApiError(409, 'content_warning', [{ path: 'body', code: 'health_information', message: '' }]) })).toBe('|Sjekk teksten før den sendes.|');
  });

  it("shows anything that is not the server's answer (a broken network, a bug) as an internal error", () => {
    expect(render('nb', { error: new TypeError('Failed to fetch') })).toBe('|Noe gikk galt hos oss. Prøv igjen om litt.|');
    expect(render('nb', { code: 'no_such_code' })).toBe('|Noe gikk galt hos oss. Prøv igjen om litt.|');
  });
});
