import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { NotificationCategory, NotificationMode, NotificationPreferences } from '@shared/contracts/notifications';
import { api } from '../../lib/api';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import { PushToggle } from './PushToggle';

const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** How Tillit may reach me outside the app: per category, and quiet hours. */
export function NotificationSettingsPage() {
  const q = useQuery({ queryKey: ['notification-preferences'], queryFn: () => api.get('/api/me/notification-preferences', NotificationPreferences) });
  const [edited, setPrefs] = useState<NotificationPreferences | null>(null);
  const prefs = edited ?? q.data;
  const save = useMutation({ mutationFn: (p: NotificationPreferences) => api.put('/api/me/notification-preferences', p, NotificationPreferences) });
  if (q.isLoading || !prefs) return <Loading />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(prefs);
  };
  return (
    <>
      <h1><FormattedMessage id="settings.title" /></h1>
      <p><FormattedMessage id="settings.intro" /></p>
      <PushToggle />
      <form onSubmit={submit} className="form">
        {NotificationCategory.options.map((c) => (
          <fieldset key={c}>
            <legend><FormattedMessage id={`settings.category.${c}`} /></legend>
            {NotificationMode.options.filter((m) => c !== 'urgent' || m !== 'off').map((m) => (
              <label key={m} className="radio">
                <input type="radio" name={c} value={m} checked={(prefs.categories[c] ?? 'instant') === m}
                  onChange={() => setPrefs({ ...prefs, categories: { ...prefs.categories, [c]: m } })} />
                <FormattedMessage id={`settings.mode.${m}`} />
              </label>
            ))}
          </fieldset>
        ))}
        <fieldset>
          <legend><FormattedMessage id="settings.quiet" /></legend>
          <p className="hint"><FormattedMessage id="settings.quietHint" /></p>
          <label>
            <FormattedMessage id="settings.quietFrom" />
            <select value={prefs.quietFrom} onChange={(e) => setPrefs({ ...prefs, quietFrom: Number(e.target.value) })}>
              {HOURS.map((h) => <option key={h} value={h}>{`${String(h).padStart(2, '0')}:00`}</option>)}
            </select>
          </label>
          <label>
            <FormattedMessage id="settings.quietUntil" />
            <select value={prefs.quietUntil} onChange={(e) => setPrefs({ ...prefs, quietUntil: Number(e.target.value) })}>
              {HOURS.map((h) => <option key={h} value={h}>{`${String(h).padStart(2, '0')}:00`}</option>)}
            </select>
          </label>
        </fieldset>
        {save.error && <ErrorMessage error={save.error} />}
        {save.isSuccess && <p role="status" className="success"><FormattedMessage id="settings.saved" /></p>}
        <button type="submit" disabled={save.isPending}><FormattedMessage id="settings.save" /></button>
      </form>
    </>
  );
}
