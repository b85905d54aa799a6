import { Suspense, useEffect, useRef } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { Router, match, useRouter } from './lib/router';
import { SessionProvider, useSession } from './lib/session';
import { Layout } from './features/layout/Layout';
import { LoginPage } from './features/auth/LoginPage';
import { HomePage } from './features/home/HomePage';
import { InboxPage } from './features/messages/InboxPage';
import { ConversationPage } from './features/messages/ConversationPage';
import { NewConversationPage } from './features/messages/NewConversationPage';
import { AnnouncementPage } from './features/announcements/AnnouncementPage';
import { NotificationSettingsPage } from './features/settings/NotificationSettingsPage';
import { ReportAbsencePage } from './features/absence/ReportAbsencePage';
import { StudentAbsencePage } from './features/absence/StudentAbsencePage';
import { ApplyLeavePage } from './features/absence/ApplyLeavePage';
import { LeavePage } from './features/absence/LeavePage';
import { useLiveUpdates } from './lib/live';
import { lazyPage, preloadPages, type LazyPage } from './lib/lazy-page';

// Staff's pages (web/lib/lazy-page.tsx), each fetched when first shown and preloaded for staff; a guardian's are in
// the app's own script.
const STAFF_PAGES: { preload(): Promise<unknown> }[] = [];
function staffPage<P extends object>(load: Parameters<typeof lazyPage<P>>[0]): LazyPage<P> {
  const page = lazyPage(load);
  STAFF_PAGES.push(page);
  return page;
}
const RosterPage = staffPage(() => import('./features/classes/RosterPage').then((m) => m.RosterPage));
const SchoolPage = staffPage(() => import('./features/school/SchoolPage').then((m) => m.SchoolPage));
const SchoolReachPage = staffPage(() => import('./features/school/SchoolReachPage').then((m) => m.SchoolReachPage));
const OwnerPage = staffPage(() => import('./features/owner/OwnerPage').then((m) => m.OwnerPage));
const SentAnnouncementsPage = staffPage(() => import('./features/announcements/SentAnnouncementsPage').then((m) => m.SentAnnouncementsPage));
const ReachPage = staffPage(() => import('./features/announcements/ReachPage').then((m) => m.ReachPage));
const AttendancePage = staffPage(() => import('./features/absence/AttendancePage').then((m) => m.AttendancePage));
const LeaveListPage = staffPage(() => import('./features/absence/LeaveListPage').then((m) => m.LeaveListPage));
const AbsenceOverviewPage = staffPage(() => import('./features/absence/AbsenceOverviewPage').then((m) => m.AbsenceOverviewPage));
const FollowupsPage = staffPage(() => import('./features/absence/FollowupsPage').then((m) => m.FollowupsPage));
const AbsenceRulesPage = staffPage(() => import('./features/absence/AbsenceRulesPage').then((m) => m.AbsenceRulesPage));
const WriteToFamiliesPage = staffPage(() => import('./features/messages/WriteToFamiliesPage').then((m) => m.WriteToFamiliesPage));
const NewAnnouncementPage = staffPage(() => import('./features/announcements/NewAnnouncementPage').then((m) => m.NewAnnouncementPage));
const EditAnnouncementPage = staffPage(() => import('./features/announcements/NewAnnouncementPage').then((m) => m.EditAnnouncementPage));

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: true } } });

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <Router>
          <Pages />
        </Router>
      </SessionProvider>
    </QueryClientProvider>
  );
}

const ROUTES: [string, (p: Record<string, string>) => React.ReactNode][] = [
  ['/', () => <HomePage />],
  ['/groups/:id', (p) => <RosterPage groupId={p.id!} />],
  ['/groups/:id/reach', (p) => <ReachPage groupId={p.id!} />],
  ['/schools/:id', (p) => <SchoolPage schoolId={p.id!} />],
  ['/schools/:id/reach', (p) => <SchoolReachPage schoolId={p.id!} />],
  ['/owners/:id', (p) => <OwnerPage ownerId={p.id!} />],
  ['/messages', () => <InboxPage />],
  ['/messages/new', () => <NewConversationPage />],
  ['/messages/to-families', () => <WriteToFamiliesPage />],
  ['/messages/:id', (p) => <ConversationPage conversationId={p.id!} />],
  ['/announcements/new', () => <NewAnnouncementPage />],
  ['/announcements/sent', () => <SentAnnouncementsPage />],
  ['/announcements/:id', (p) => <AnnouncementPage announcementId={p.id!} />],
  ['/announcements/:id/edit', (p) => <EditAnnouncementPage announcementId={p.id!} />],
  ['/settings/notifications', () => <NotificationSettingsPage />],
  ['/absence/new', () => <ReportAbsencePage />],
  ['/groups/:id/attendance', (p) => <AttendancePage groupId={p.id!} />],
  ['/groups/:id/absence', (p) => <AbsenceOverviewPage scope="groups" id={p.id!} />],
  ['/schools/:id/absence', (p) => <AbsenceOverviewPage scope="schools" id={p.id!} />],
  ['/students/:id/absence', (p) => <StudentAbsencePage studentId={p.id!} />],
  ['/absence/follow-ups', () => <FollowupsPage />],
  ['/owners/:id/absence-rules', (p) => <AbsenceRulesPage ownerId={p.id!} />],
  ['/leave', () => <LeaveListPage />],
  ['/leave/new', () => <ApplyLeavePage />],
  ['/leave/:id', (p) => <LeavePage applicationId={p.id!} />],
];

function Pages() {
  const { me, loading } = useSession();
  const { path } = useRouter();
  useLiveUpdates(me !== null);
  const isStaff = me !== null && (me.staff.length > 0 || me.ownerAdminOf.length > 0);
  useEffect(() => (isStaff ? preloadPages(STAFF_PAGES) : undefined), [isStaff]);
  // On a move to another page the link or button that led there is gone, and focus with it (to <body>): it goes to
  // where the new page begins, as a screen reader starts at the top after a page load. Focus a page placed itself
  // (a dialog, a message) is left where it is.
  const firstPath = useRef(true);
  useEffect(() => {
    if (firstPath.current) { firstPath.current = false; return; }
    if (!document.activeElement || document.activeElement === document.body) document.getElementById('main')?.focus();
  }, [path]);
  const loadingPage = <p role="status"><FormattedMessage id="common.loading" /></p>;
  if (loading) return <Layout>{loadingPage}</Layout>;
  if (!me || path === '/login') return <Layout><LoginPage /></Layout>;
  for (const [pattern, render] of ROUTES) {
    const params = match(pattern, path);
    if (params) return <Layout><Suspense fallback={loadingPage}>{render(params)}</Suspense></Layout>;
  }
  return <Layout><h1><FormattedMessage id="common.notFound" /></h1></Layout>;
}
