import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isErrorCode, isFieldIssueCode, type FieldIssue } from '@shared/errors';
import { ApiError } from '../../lib/api';
import { Link } from '../../lib/router';

/**
 * Shows an error from the server in the reader's language: the message for its code and, when the server refused
 * a form, what is wrong with each field, named by that field's own label on the page.
 * Pass the error itself (`error={mutation.error}`); `code` is for a code known without a request (from the URL).
 */
export function ErrorMessage({ code, error }: { code?: string; error?: unknown }) {
  const raw = error instanceof ApiError ? error.code : code;
  const known = isErrorCode(raw) ? raw : 'internal';
  const issues = known === 'validation_failed' && error instanceof ApiError ? error.issues : NO_ISSUES;
  const ref = useRef<HTMLDivElement>(null);
  const labels = useFieldLabels(ref, issues);
  const intl = useIntl();
  return (
    <div role="alert" className="error" ref={ref}>
      <p>
        <FormattedMessage id={`error.${known}`} />
        {known === 'not_authenticated' && <> <Link href="/login"><FormattedMessage id="error.loginAgain" /></Link></>}
      </p>
      {issues.length > 0 && (
        <ul className="issues">
          {issues.map((issue, i) => (
            <li key={`${issue.path}-${i}`}>
              <FormattedMessage
                id="error.issue"
                values={{
                  field: labels[i] ?? intl.formatMessage({ id: 'error.someField' }),
                  problem: intl.formatMessage({ id: `issue.${isFieldIssueCode(issue.code) ? issue.code : 'custom'}` }),
                }}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const NO_ISSUES: FieldIssue[] = [];
const CONTEXTS = new Set(['body', 'querystring', 'params', 'headers']);

/**
 * The label of the form control each issue is about (`body.toDate` → the input named `toDate`), read from the page
 * so the field is named as the reader saw it; the control is marked `aria-invalid` while the error is shown.
 */
function useFieldLabels(ref: RefObject<HTMLDivElement | null>, issues: FieldIssue[]): (string | null)[] {
  const [labels, setLabels] = useState<{ for: FieldIssue[]; names: (string | null)[] }>({ for: NO_ISSUES, names: [] });
  useLayoutEffect(() => {
    if (issues.length === 0) return;
    const scope: ParentNode = ref.current?.closest('form') ?? document;
    const controls = issues.map((issue) => findControl(scope, issue.path));
    for (const c of controls) c?.setAttribute('aria-invalid', 'true');
    setLabels({ for: issues, names: controls.map((c) => (c ? labelOf(c) : null)) });
    return () => { for (const c of controls) c?.removeAttribute('aria-invalid'); };
  }, [ref, issues]);
  return labels.for === issues ? labels.names : [];
}

function findControl(scope: ParentNode, path: string): HTMLElement | null {
  const segments = path.split('.').filter((s, i) => !(i === 0 && CONTEXTS.has(s)) && !/^\d+$/.test(s));
  // The most specific name first: `worrying.percent` is the input named `percent`.
  for (const name of segments.reverse()) {
    const control = scope.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`);
    if (control) return control;
  }
  return null;
}

function labelOf(control: HTMLElement): string | null {
  const type = control.getAttribute('type');
  const legend = (type === 'checkbox' || type === 'radio') ? control.closest('fieldset')?.querySelector('legend') : null;
  const label = legend ?? (control as HTMLInputElement).labels?.[0];
  if (!label) return control.getAttribute('aria-label');
  const copy = label.cloneNode(true) as HTMLElement;
  for (const inner of copy.querySelectorAll('input, select, textarea, button, .hint')) inner.remove();
  return copy.textContent?.trim() || null;
}

/** The standard states of a page that loads data. */
export function Loading() {
  return <p role="status"><FormattedMessage id="common.loading" /></p>;
}
