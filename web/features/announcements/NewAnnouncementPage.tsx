import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { AnnouncementCategory, AnnouncementCreated, AudienceOptions, ATTACHMENT_TYPES } from '@shared/contracts/messaging';
import { api, ApiError } from '../../lib/api';
import { useRouter } from '../../lib/router';
import { useSubmitOnce } from '../../lib/submit-once';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import { AudiencePicker, initialChoice, toAudience, type AudienceChoice } from './AudiencePicker';
import { checkFiles, encodeFiles, type FileProblem } from './attachments';
import { ContentWarnings, useContentWarnings } from './ContentWarnings';
import { osloInputToInstant } from './sendAt';

const CATEGORIES = AnnouncementCategory.options;

/** A new announcement: whom it goes to (as far as the person may), what it says, and how it is sent. */
export function NewAnnouncementPage() {
  const options = useQuery({ queryKey: ['announcement-audiences'], queryFn: () => api.get('/api/announcements/audiences', AudienceOptions) });
  if (options.isLoading) return <Loading />;
  if (options.error) return <ErrorMessage error={options.error} />;
  return <AnnouncementForm options={options.data!} />;
}

function AnnouncementForm({ options }: { options: AudienceOptions }) {
  const { search, navigate } = useRouter();
  const [choice, setChoice] = useState<AudienceChoice>(() => initialChoice(options, search));
  const check = useContentWarnings();
  const { warnings } = check;
  const [files, setFiles] = useState<File[]>([]);
  const [problems, setProblems] = useState<FileProblem[]>([]);
  const [incomplete, setIncomplete] = useState(false);
  const create = useMutation({
    mutationFn: async ({ body }: { body: Record<string, unknown>; version: number }) =>
      api.post('/api/announcements', { ...body, attachments: await encodeFiles(files) }, AnnouncementCreated),
    onSuccess: (r) => navigate(`/announcements/${r.id}`),
    onError: (err, { version }) => check.failed(err, version),
  });
  const send = useSubmitOnce(create);
  const category = search.get('category');

  const chooseFiles = (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = [...(e.target.files ?? [])];
    setFiles(chosen);
    setProblems(checkFiles(chosen));
  };
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const audience = toAudience(choice);
    setIncomplete(audience === null);
    if (!audience || problems.length > 0) return;
    const form = new FormData(e.currentTarget);
    const sendAt = osloInputToInstant(String(form.get('sendAt') ?? ''));
    send({ version: check.version(), body: {
      title: form.get('title'),
      body: form.get('body'),
      category: form.get('category'),
      audience,
      requiresAck: form.get('requiresAck') === 'on',
      parentalResponsibilityOnly: form.get('parentalResponsibilityOnly') === 'on',
      includeStudents: form.get('includeStudents') === 'on',
      confidential: form.get('confidential') === 'on',
      ...(sendAt ? { sendAt } : {}),
      confirmWarnings: check.confirmation(),
    } });
  };
  if (options.schools.length === 0 && options.owners.length === 0) return <ErrorMessage code="not_found" />;
  return (
    <>
      <h1><FormattedMessage id="newAnnouncement.title" /></h1>
      <form onSubmit={submit} className="form">
        <AudiencePicker options={options} choice={choice} onChange={(c) => { setChoice(c); setIncomplete(false); check.changed(); }} />
        {incomplete && <p role="alert" className="error"><FormattedMessage id="newAnnouncement.chooseAudience" /></p>}
        <label>
          <FormattedMessage id="newAnnouncement.heading" />
          <input name="title" required maxLength={200} onChange={check.changed} />
        </label>
        <label>
          <FormattedMessage id="newAnnouncement.body" />
          <textarea name="body" rows={8} required maxLength={20000} onChange={check.changed} />
        </label>
        <label>
          <FormattedMessage id="newAnnouncement.category" />
          <select name="category" defaultValue={category && (CATEGORIES as readonly string[]).includes(category) ? category : 'information'}>
            {CATEGORIES.map((c) => <FormattedMessage key={c} id={`category.${c}`}>{(text) => <option value={c}>{text}</option>}</FormattedMessage>)}
          </select>
        </label>
        <fieldset>
          <legend><FormattedMessage id="newAnnouncement.options" /></legend>
          <label className="checkbox"><input type="checkbox" name="requiresAck" /> <FormattedMessage id="newAnnouncement.requiresAck" /></label>
          <label className="checkbox">
            <input type="checkbox" name="parentalResponsibilityOnly" defaultChecked aria-describedby="responsibility-hint" />{' '}
            <FormattedMessage id="newAnnouncement.responsibilityOnly" />
          </label>
          <p className="hint" id="responsibility-hint"><FormattedMessage id="newAnnouncement.responsibilityOnlyHint" /></p>
          <label className="checkbox"><input type="checkbox" name="includeStudents" /> <FormattedMessage id="newAnnouncement.includeStudents" /></label>
          <label className="checkbox">
            <input type="checkbox" name="confidential" aria-describedby="confidential-hint" /> <FormattedMessage id="newAnnouncement.confidential" />
          </label>
          <p className="hint" id="confidential-hint"><FormattedMessage id="newAnnouncement.confidentialHint" /></p>
        </fieldset>
        <label>
          <FormattedMessage id="newAnnouncement.sendAt" />
          <span className="hint"><FormattedMessage id="newAnnouncement.sendAtHint" /></span>
          <input type="datetime-local" name="sendAt" />
        </label>
        <label>
          <FormattedMessage id="newAnnouncement.attachments" />
          <span className="hint"><FormattedMessage id="newAnnouncement.attachmentsHint" /></span>
          <input type="file" name="attachments" multiple accept={ATTACHMENT_TYPES.join(',')} onChange={chooseFiles} />
        </label>
        {problems.length > 0 && (
          <ul role="alert" className="error">
            {problems.map((p) => (
              <li key={`${p.problem}-${p.name}`}>
                <FormattedMessage id={p.problem === 'fileType' ? 'newAnnouncement.fileType' : p.problem === 'fileSize' ? 'newAnnouncement.fileSize' : 'newAnnouncement.fileCount'} values={{ name: p.name }} />
              </li>
            ))}
          </ul>
        )}
        <ContentWarnings warnings={warnings} />
        {create.error && !(create.error instanceof ApiError && create.error.code === 'content_warning') && <ErrorMessage error={create.error} />}
        <button type="submit" disabled={create.isPending}>
          <FormattedMessage id={warnings.length > 0 ? 'newAnnouncement.sendAnyway' : 'newAnnouncement.send'} />
        </button>
      </form>
    </>
  );
}
