import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { AnnouncementCategory, AnnouncementCreated, type Audience } from '@shared/contracts/messaging';
import { api, ApiError } from '../../lib/api';
import { useRouter } from '../../lib/router';
import { useSession } from '../../lib/session';
import { ErrorMessage } from '../layout/ErrorMessage';

const CATEGORIES = AnnouncementCategory.options;

function audienceFrom(search: URLSearchParams): Audience | null {
  const group = search.get('group');
  if (group) return { type: 'groups', groupIds: [group] };
  const school = search.get('school');
  if (school) return { type: 'school', schoolId: school };
  const owner = search.get('owner');
  if (owner) return { type: 'owner', ownerId: owner };
  return null;
}

export function NewAnnouncementPage() {
  const { search, navigate } = useRouter();
  const { me } = useSession();
  const audience = audienceFrom(search);
  const [warnings, setWarnings] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post('/api/announcements', body, AnnouncementCreated),
    onSuccess: (r) => navigate(`/announcements/${r.id}`),
    onError: (err) => setWarnings(err instanceof ApiError && err.code === 'content_warning' ? err.issues.map((i) => i.code) : []),
  });
  const groupName = audience?.type === 'groups' ? me?.staff.find((s) => s.group?.id === audience.groupIds[0])?.group?.name : undefined;

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const sendAt = String(form.get('sendAt') ?? '');
    create.mutate({
      title: form.get('title'),
      body: form.get('body'),
      category: form.get('category'),
      audience,
      requiresAck: form.get('requiresAck') === 'on',
      parentalResponsibilityOnly: form.get('includeAll') !== 'on',
      ...(sendAt ? { sendAt: new Date(sendAt).toISOString() } : {}),
      confirmWarnings: warnings.length > 0,
    });
  };
  if (!audience) return <ErrorMessage code="validation_failed" />;
  return (
    <>
      <h1><FormattedMessage id="newAnnouncement.title" /></h1>
      <p><FormattedMessage id={`newAnnouncement.audience.${audience.type}`} values={{ name: groupName ?? '' }} /></p>
      <form onSubmit={submit} className="form">
        <label>
          <FormattedMessage id="newAnnouncement.heading" />
          <input name="title" required maxLength={200} />
        </label>
        <label>
          <FormattedMessage id="newAnnouncement.body" />
          <textarea name="body" rows={8} required maxLength={20000} />
        </label>
        <label>
          <FormattedMessage id="newAnnouncement.category" />
          <select name="category" defaultValue="information">
            {CATEGORIES.map((c) => <FormattedMessage key={c} id={`category.${c}`}>{(text) => <option value={c}>{text}</option>}</FormattedMessage>)}
          </select>
        </label>
        <label className="checkbox"><input type="checkbox" name="requiresAck" /> <FormattedMessage id="newAnnouncement.requiresAck" /></label>
        <label className="checkbox"><input type="checkbox" name="includeAll" /> <FormattedMessage id="newAnnouncement.includeAll" /></label>
        <label>
          <FormattedMessage id="newAnnouncement.sendAt" />
          <input type="datetime-local" name="sendAt" />
        </label>
        {warnings.length > 0 && (
          <div role="alert" className="warning">
            <p><FormattedMessage id="newAnnouncement.warning" /></p>
            <ul>{warnings.map((w) => <li key={w}><FormattedMessage id={`warning.${w}`} /></li>)}</ul>
          </div>
        )}
        {create.error && !(create.error instanceof ApiError && create.error.code === 'content_warning') && (
          <ErrorMessage code={create.error instanceof ApiError ? create.error.code : 'internal'} />
        )}
        <button type="submit" disabled={create.isPending}>
          <FormattedMessage id={warnings.length > 0 ? 'newAnnouncement.sendAnyway' : 'newAnnouncement.send'} />
        </button>
      </form>
    </>
  );
}
