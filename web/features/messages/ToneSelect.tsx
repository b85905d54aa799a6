import { FormattedMessage } from 'react-intl';
import { MessageTone } from '@shared/contracts/messaging';

/** Staff say what a message is: positive news, neutral, or a concern (the positive-contact view counts them). */
export function ToneSelect({ labelId }: { labelId: string }) {
  return (
    <label>
      <FormattedMessage id={labelId} />
      <select name="tone" defaultValue="neutral">
        {MessageTone.options.map((t) => <FormattedMessage key={t} id={`tone.${t}`}>{(text) => <option value={t}>{text}</option>}</FormattedMessage>)}
      </select>
    </label>
  );
}
