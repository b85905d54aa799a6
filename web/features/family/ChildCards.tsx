import { useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import type { ChildCard } from '@shared/contracts/people';
import { Link } from '../../lib/router';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import { childrenQuery } from './children';

const fullName = (p: { givenName: string; familyName: string }) => `${p.givenName} ${p.familyName}`;

export function ChildCards() {
  const q = useQuery(childrenQuery);
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorMessage error={q.error} />;
  return (
    <ul className="card-list">
      {q.data!.children.map((c) => <li key={c.student.id} className="card"><Child child={c} /></li>)}
    </ul>
  );
}

function Child({ child }: { child: ChildCard }) {
  const headingId = `child-${child.student.id}`;
  return (
    <article aria-labelledby={headingId}>
      <h3 id={headingId}>{fullName(child.student)}</h3>
      <p>{child.class ? <FormattedMessage id="family.classAt" values={{ className: child.class.name, school: child.school.name }} /> : child.school.name}</p>
      {child.access !== 'full' ? (
        <div className="notice">
          <p><FormattedMessage id={`family.access.${child.access}`} values={{ school: child.school.name }} /></p>
          {/* Asking the school is the way left to them (1.2): say how to reach its office. */}
          {(child.school.officePhone || child.school.officeEmail) && (
            <p>
              <FormattedMessage id="family.office" values={{ school: child.school.name }} />
              <OfficeContact school={child.school} />
            </p>
          )}
        </div>
      ) : (
        <>
          <p className="button-row">
            <Link className="button secondary" href={`/absence/new?student=${child.student.id}`}><FormattedMessage id="family.reportAbsence" /></Link>
            <Link className="button secondary" href={`/students/${child.student.id}/absence`}><FormattedMessage id="family.absenceAndLeave" /></Link>
          </p>
          <h4><FormattedMessage id="family.whoToContact" /></h4>
          <dl className="contact-list">
            <dt><FormattedMessage id="family.contact.academic" /></dt>
            <dd>
              {child.contactTeachers.length > 0
                ? <><FormattedMessage id="family.contactTeacher" values={{ names: child.contactTeachers.map(fullName).join(', ') }} /> · <Link href={`/messages/new?student=${child.student.id}&topic=academic`}><FormattedMessage id="family.writeInTillit" /></Link></>
                : <FormattedMessage id="family.noContactTeacher" />}
            </dd>
            {child.aks && (
              <>
                <dt><FormattedMessage id="family.contact.aks" values={{ group: child.aks.group.name }} /></dt>
                <dd>
                  <FormattedMessage id="family.aksLeader" values={{ names: child.aks.baseLeaders.map(fullName).join(', ') }} /> · <Link href={`/messages/new?student=${child.student.id}&topic=aks`}><FormattedMessage id="family.writeInTillit" /></Link>
                </dd>
              </>
            )}
            <dt><FormattedMessage id="family.contact.unsure" /></dt>
            <dd>
              <FormattedMessage id="family.office" values={{ school: child.school.name }} /> · <Link href={`/messages/new?student=${child.student.id}&topic=practical`}><FormattedMessage id="family.writeInTillit" /></Link>
              <OfficeContact school={child.school} />
            </dd>
          </dl>
        </>
      )}
    </article>
  );
}

function OfficeContact({ school }: { school: ChildCard['school'] }) {
  return (
    <>
      {school.officePhone && <> · <a href={`tel:${school.officePhone.replace(/\s/g, '')}`}>{school.officePhone}</a></>}
      {school.officeEmail && <> · <a href={`mailto:${school.officeEmail}`}>{school.officeEmail}</a></>}
    </>
  );
}
