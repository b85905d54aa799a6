import { FormattedMessage } from 'react-intl';
import { isErrorCode } from '@shared/errors';

/** Shows an error code from the server in the reader's language. */
export function ErrorMessage({ code }: { code: string }) {
  const known = isErrorCode(code) ? code : 'internal';
  return (
    <p role="alert" className="error">
      <FormattedMessage id={`error.${known}`} />
    </p>
  );
}

/** The standard states of a page that loads data. */
export function Loading() {
  return <p role="status"><FormattedMessage id="common.loading" /></p>;
}
