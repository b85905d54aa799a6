// Every language says everything: the same keys as bokmål, valid ICU messages, and a message for every id the web
// app uses: the ids written out, and the ids built at run time from a value (`role.${r}`), for every value the
// contracts allow.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { z } from 'zod';
import { ERROR_STATUS, FIELD_ISSUE_CODES } from '../errors';
import { ChildCard, OwnerOverviewResponse, SchoolOverviewResponse, StaffRole } from '../contracts/people';
import { LoginMethodsResponse, Persona } from '../contracts/auth';
import { AnnouncementCategory, Audience, ContentWarning, ConversationTopic, DeliveryState, MessageReceipt, MessageTone } from '../contracts/messaging';
import { NotificationCategory, NotificationMode } from '../contracts/notifications';
import {
  AbsenceReason, AbsenceRules, DeciderRole, DocumentationCategory, FollowupResolution, LeaveDecisionView, LeaveKind, LeaveStatus, StudentAbsenceResponse,
} from '../contracts/absence';

const dir = path.join(import.meta.dirname, 'messages');
const catalogs = Object.fromEntries(
  readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => [f.slice(0, -5), JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Record<string, string>]),
);

const webRoot = path.join(import.meta.dirname, '..', '..', 'web');
const webFiles = readdirSync(webRoot, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.tsx') || f.endsWith('.ts'))
  .map((f) => ({ file: f, src: readFileSync(path.join(webRoot, f), 'utf8') }));

/** The states PushToggle formats as `settings.push.<state>` (its own type, not a contract); 'busy' shows as 'off'. */
function pushStates(): string[] {
  const toggle = webFiles.find((f) => f.file.endsWith('PushToggle.tsx'))?.src ?? '';
  const union = /useState<((?:\s*'\w+'\s*\|?)+)>/.exec(toggle)?.[1];
  if (!union) throw new Error('PushToggle.tsx no longer declares its states as useState<\'a\' | \'b\'>: update this test');
  return [...union.matchAll(/'(\w+)'/g)].map((m) => m[1]!).filter((s) => s !== 'busy');
}

/** The numeric fields of the owner's absence rules, each a labelled input `absenceRules.<field>`. */
function numberFields(schema: z.ZodType): string[] {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([key, s]) => (s instanceof z.ZodNumber ? [key] : numberFields(s)));
}

/**
 * Every prefix the web app builds a message id from, with every value it can be followed by, taken from the
 * contracts. A template id in web/ whose prefix is missing here fails the test below: add it here.
 */
const RUNTIME_IDS: Record<string, readonly string[]> = {
  'error.': Object.keys(ERROR_STATUS),
  'issue.': FIELD_ISSUE_CODES,
  'role.': StaffRole.options,
  'persona.': Persona.options,
  'login.oidc.': LoginMethodsResponse.shape.oidc.element.options,
  'category.': AnnouncementCategory.options,
  'topic.': ConversationTopic.options,
  'tone.': MessageTone.options,
  'conversation.channel.': MessageReceipt.shape.notified.unwrap().element.shape.channel.options,
  'conversation.delivery.': DeliveryState.options,
  // The issues of a family_unreachable error, set in server/messaging/conversations.service.ts (no contract has them).
  'toFamilies.unreachable.': ['student_adult', 'no_guardian_access'],
  'warning.': ContentWarning.shape.kind.options,
  'newAnnouncement.audience.': Audience.options.map((o) => o.shape.type.value),
  // 'full' shows the contact card instead of a notice.
  'family.access.': ChildCard.shape.access.options.filter((a) => a !== 'full'),
  'schoolKind.': [...new Set([...SchoolOverviewResponse.shape.school.shape.kind.options, ...OwnerOverviewResponse.shape.schools.element.shape.kind.options])],
  'settings.category.': NotificationCategory.options,
  'settings.mode.': NotificationMode.options,
  'settings.push.': pushStates(),
  'absence.reason.': AbsenceReason.options,
  'absenceRules.': numberFields(AbsenceRules),
  'leave.kind.': LeaveKind.options,
  'leave.status.': LeaveStatus.options,
  'leave.deciderRole.': DeciderRole.options,
  'leave.decision.': LeaveDecisionView.shape.outcome.options,
  // A registered absence nothing explains shows as 'none'.
  'studentAbsence.explained.': [...StudentAbsenceResponse.shape.registered.element.shape.explainedBy.unwrap().options, 'none'],
  'followups.resolution.': FollowupResolution.options,
  'documentation.category.': DocumentationCategory.options,
  'followups.resolve.': FollowupResolution.options,
};

describe('the message catalogs', () => {
  const nb = catalogs.nb!;
  // The first part of every message id ("family" in "family.office"): a string starting with one is a message id.
  const namespaces = new Set(Object.keys(nb).map((k) => k.split('.')[0]!));

  it('include bokmål, nynorsk and English', () => {
    expect(Object.keys(catalogs)).toEqual(expect.arrayContaining(['nb', 'nn', 'en']));
  });

  for (const [code, catalog] of Object.entries(catalogs)) {
    it(`has every key in ${code}, each a valid ICU message`, () => {
      expect(Object.keys(catalog).filter((k) => !(k in nb)), 'keys bokmål lacks').toEqual([]);
      expect(Object.keys(nb).filter((k) => !(k in catalog)), `keys ${code} lacks`).toEqual([]);
      for (const [key, text] of Object.entries(catalog)) {
        expect(() => new IntlMessageFormat(text, code), key).not.toThrow();
      }
      expect(['ltr', 'rtl']).toContain(catalog['meta.dir']);
    });
  }

  it('has a message for every id the web app writes out', () => {
    const ids = new Set<string>();
    for (const { src } of webFiles) {
      for (const m of src.matchAll(/\bid[=:]\s*["'`]([\w.-]+)["'`]/g)) ids.add(m[1]!);
      // Also ids chosen by a condition (`id={on ? 'settings.push.disable' : 'settings.push.enable'}`).
      for (const expr of src.matchAll(/\bid=\{([^}]*)\}|\bid:\s*([^,}\n]*)/g)) {
        for (const m of (expr[1] ?? expr[2]!).matchAll(/["']([a-z]\w*(?:\.\w+)+)["']/g)) if (namespaces.has(m[1]!.split('.')[0]!)) ids.add(m[1]!);
      }
    }
    expect(ids.size).toBeGreaterThan(50);
    expect([...ids].filter((id) => id.includes('.') && !(id in nb))).toEqual([]);
  });

  it('knows every prefix the web app builds an id from, and only ids of the form prefix + value', () => {
    const found: string[] = [];
    for (const { file, src } of webFiles) {
      for (const m of src.matchAll(/`([a-z]\w*(?:\.\w+)*\.)(\$\{[^{}`]*\})([^`]*)`/g)) {
        if (!namespaces.has(m[1]!.split('.')[0]!)) continue;
        found.push(m[3] ? `${file}: ${m[0]} (text after the value)` : m[1]!);
      }
    }
    expect(found.length).toBeGreaterThan(20);
    expect([...new Set(found)].filter((prefix) => !(prefix in RUNTIME_IDS)), 'template ids this test does not enumerate').toEqual([]);
  });

  for (const [prefix, values] of Object.entries(RUNTIME_IDS)) {
    it(`has a message for ${prefix}<value> for every value the contracts allow`, () => {
      expect(values.length, prefix).toBeGreaterThan(0);
      expect(values.map((v) => `${prefix}${v}`).filter((k) => !(k in nb))).toEqual([]);
    });
  }
});
