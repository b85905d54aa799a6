import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import {
  AnnouncementCategory, AnnouncementCreated, AnnouncementUpdated, AudienceOptions, ATTACHMENT_TYPES, EditableAnnouncement, type Audience,
} from '@shared/contracts/messaging';
import { api, ApiError } from '../../lib/api';
import { Link, useRouter } from '../../lib/router';
import { useSubmitOnce } from '../../lib/submit-once';
import { useDraft } from '../../lib/draft';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import { AudiencePicker, choiceOf, initialChoice, keptChoice, sameAudience, toAudience, type AudienceChoice } from './AudiencePicker';
import { checkFiles, encodeFiles, type FileProblem } from './attachments';
import { ContentWarnings, useContentWarnings } from './ContentWarnings';
import { instantToOsloInput, osloInputToInstant } from './sendAt';

const CATEGORIES = AnnouncementCategory.options;

const audienceOptions = () => ({ queryKey: ['announcement-audiences'], queryFn: () => api.get('/api/announcements/audiences', AudienceOptions) });

/** A new announcement: whom it goes to (as far as the person may), what it says, and how it is sent. */
export function NewAnnouncementPage() {
  const options = useQuery(audienceOptions());
  if (options.isLoading) return <Loading />;
  if (options.error) return <ErrorMessage error={options.error} />;
  return <AnnouncementForm options={options.data!} />;
}

/**
 * A scheduled announcement changed before it goes out: the same form, filled in with what is stored, its attachments
 * shown as they stay. Read once (no refetch while the person types); sent or cancelled meanwhile, the server says so.
 */
export function EditAnnouncementPage({ announcementId }: { announcementId: string }) {
  const options = useQuery(audienceOptions());
  const stored = useQuery({
    queryKey: ['announcement-edit', announcementId],
    queryFn: () => api.get(`/api/announcements/${announcementId}/edit`, EditableAnnouncement),
    gcTime: 0, refetchOnWindowFocus: false,
  });
  if (options.isLoading || stored.isLoading) return <Loading />;
  const error = options.error ?? stored.error;
  if (error) {
    return (
      <>
        <h1><FormattedMessage id="newAnnouncement.editTitle" /></h1>
        <ErrorMessage error={error} />
        <p><Link href="/announcements/sent"><FormattedMessage id="sent.title" /></Link></p>
      </>
    );
  }
  return <AnnouncementForm options={options.data!} stored={stored.data!} />;
}

type FormValues = Pick<EditableAnnouncement, 'title' | 'body' | 'category' | 'requiresAck' | 'parentalResponsibilityOnly' | 'includeStudents' | 'confidential'>;
const OPTIONS = ['requiresAck', 'parentalResponsibilityOnly', 'includeStudents', 'confidential'] as const;
const FIELDS = ['title', 'body', 'category', ...OPTIONS] as const;

/** What the form changes of a stored announcement: only that is sent (the server checks a new text, audience or time). */
function changesTo(stored: EditableAnnouncement, values: FormValues, audience: Audience, sendAtInput: string): Record<string, unknown> {
  const changes: Record<string, unknown> = Object.fromEntries(FIELDS.filter((f) => values[f] !== stored[f]).map((f) => [f, values[f]]));
  if (!sameAudience(audience, stored.audience)) changes.audience = audience;
  const sendAt = osloInputToInstant(sendAtInput);
  if (sendAt && sendAtInput !== instantToOsloInput(stored.sendAt)) changes.sendAt = sendAt;
  return changes;
}

function AnnouncementForm({ options, stored }: { options: AudienceOptions; stored?: EditableAnnouncement }) {
  const { search, navigate } = useRouter();
  const queryClient = useQueryClient();
  const category = search.get('category');
  const linkedCategory = category !== null && (CATEGORIES as readonly string[]).includes(category);
  // A new announcement is kept as a draft while it is written: its text, its choices and whom it goes to (not its
  // attachments, which a browser does not let a page keep). One draft per link to the form: a reload gives back what
  // she wrote, and a link for another class or a positive word to one family starts from what that link names. A
  // change to a stored one starts from what is stored.
  const { restore: restoreDraft, onInput: keepDraft, clear: clearDraft, kept, keep } = useDraft(
    stored ? null : `new-announcement?${search.toString()}`,
    ['title', 'body', 'category', ...OPTIONS, 'sendAt'],
  );
  const [choice, setChoice] = useState<AudienceChoice>(() => (stored
    ? choiceOf(options, stored.audience)
    : keptChoice(options, kept('audience')) ?? initialChoice(options, search)));
  const check = useContentWarnings();
  const { warnings } = check;
  const [files, setFiles] = useState<File[]>([]);
  const [problems, setProblems] = useState<FileProblem[]>([]);
  const [incomplete, setIncomplete] = useState(false);
  // Where a send ends: a new announcement's own page; a changed one back in the sent list, which shows the change.
  const create = useMutation({
    mutationFn: async ({ body }: { body: Record<string, unknown>; version: number }) => {
      if (stored) {
        await api.put(`/api/announcements/${stored.id}`, body, AnnouncementUpdated);
        return '/announcements/sent';
      }
      const created = await api.post('/api/announcements', { ...body, attachments: await encodeFiles(files) }, AnnouncementCreated);
      return `/announcements/${created.id}`;
    },
    onSuccess: async (to) => {
      clearDraft();
      if (stored) await queryClient.invalidateQueries({ queryKey: ['receipts'] });
      navigate(to);
    },
    onError: (err, { version }) => check.failed(err, version),
  });
  const send = useSubmitOnce(create);

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
    const sendAtInput = String(form.get('sendAt') ?? '');
    const sendAt = osloInputToInstant(sendAtInput);
    const values: FormValues = {
      title: String(form.get('title') ?? ''),
      body: String(form.get('body') ?? ''),
      category: AnnouncementCategory.parse(form.get('category')),
      requiresAck: form.get('requiresAck') === 'on',
      parentalResponsibilityOnly: form.get('parentalResponsibilityOnly') === 'on',
      includeStudents: form.get('includeStudents') === 'on',
      confidential: form.get('confidential') === 'on',
    };
    if (!stored) {
      send({ version: check.version(), body: { ...values, audience, ...(sendAt ? { sendAt } : {}), confirmWarnings: check.confirmation() } });
      return;
    }
    const changes = changesTo(stored, values, audience, sendAtInput);
    if (Object.keys(changes).length === 0) navigate('/announcements/sent');
    else send({ version: check.version(), body: { ...changes, confirmWarnings: check.confirmation() } });
  };
  if (options.schools.length === 0 && options.owners.length === 0) return <ErrorMessage code="not_found" />;
  return (
    <>
      <h1><FormattedMessage id={stored ? 'newAnnouncement.editTitle' : 'newAnnouncement.title'} /></h1>
      <form onSubmit={submit} className="form" ref={restoreDraft} onInput={keepDraft}>
        <AudiencePicker options={options} choice={choice} onChange={(c) => { setChoice(c); keep('audience', JSON.stringify(c)); setIncomplete(false); check.changed(); }} />
        {incomplete && <p role="alert" className="error"><FormattedMessage id="newAnnouncement.chooseAudience" /></p>}
        <label>
          <FormattedMessage id="newAnnouncement.heading" />
          <input name="title" required maxLength={200} defaultValue={stored?.title} onChange={check.changed} />
        </label>
        <label>
          <FormattedMessage id="newAnnouncement.body" />
          <textarea name="body" rows={8} required maxLength={20000} defaultValue={stored?.body} onChange={check.changed} />
        </label>
        <label>
          <FormattedMessage id="newAnnouncement.category" />
          <select name="category" defaultValue={stored?.category ?? (linkedCategory ? category : 'information')}>
            {CATEGORIES.map((c) => <FormattedMessage key={c} id={`category.${c}`}>{(text) => <option value={c}>{text}</option>}</FormattedMessage>)}
          </select>
        </label>
        <fieldset>
          <legend><FormattedMessage id="newAnnouncement.options" /></legend>
          <label className="checkbox">
            <input type="checkbox" name="requiresAck" defaultChecked={stored?.requiresAck} /> <FormattedMessage id="newAnnouncement.requiresAck" />
          </label>
          <label className="checkbox">
            <input type="checkbox" name="parentalResponsibilityOnly" defaultChecked={stored?.parentalResponsibilityOnly ?? true} aria-describedby="responsibility-hint" />{' '}
            <FormattedMessage id="newAnnouncement.responsibilityOnly" />
          </label>
          <p className="hint" id="responsibility-hint"><FormattedMessage id="newAnnouncement.responsibilityOnlyHint" /></p>
          <label className="checkbox">
            <input type="checkbox" name="includeStudents" defaultChecked={stored?.includeStudents} /> <FormattedMessage id="newAnnouncement.includeStudents" />
          </label>
          <label className="checkbox">
            <input type="checkbox" name="confidential" defaultChecked={stored?.confidential} aria-describedby="confidential-hint" />{' '}
            <FormattedMessage id="newAnnouncement.confidential" />
          </label>
          <p className="hint" id="confidential-hint"><FormattedMessage id="newAnnouncement.confidentialHint" /></p>
        </fieldset>
        <label>
          <FormattedMessage id={stored ? 'newAnnouncement.editSendAt' : 'newAnnouncement.sendAt'} />
          <span className="hint"><FormattedMessage id="newAnnouncement.sendAtHint" /></span>
          {/* A scheduled one always has a time (now at the earliest: the server refuses one in the past). */}
          <input type="datetime-local" name="sendAt" required={stored !== undefined} defaultValue={stored && instantToOsloInput(stored.sendAt)} />
        </label>
        {stored ? stored.attachments.length > 0 && (
          <div>
            <p><FormattedMessage id="newAnnouncement.keptAttachments" /></p>
            <ul>{stored.attachments.map((f) => <li key={f.id}>{f.filename}</li>)}</ul>
          </div>
        ) : (
          <label>
            <FormattedMessage id="newAnnouncement.attachments" />
            <span className="hint"><FormattedMessage id="newAnnouncement.attachmentsHint" /></span>
            <input type="file" name="attachments" multiple accept={ATTACHMENT_TYPES.join(',')} onChange={chooseFiles} />
          </label>
        )}
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
          <FormattedMessage id={stored ? (warnings.length > 0 ? 'newAnnouncement.saveAnyway' : 'newAnnouncement.save') : (warnings.length > 0 ? 'newAnnouncement.sendAnyway' : 'newAnnouncement.send')} />
        </button>
      </form>
    </>
  );
}
