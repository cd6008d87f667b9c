// The words of the sample: people, and the phrasing of tickets, changes, incidents and lessons, so that
// summaries read like a release manager's inbox. A few texts are hostile on purpose (markup, quotes,
// commas, a spreadsheet formula, non-Latin letters): they are legitimate data the site must show as text.
import type { Rng } from './random.ts';

const FIRST = [
  'Amara', 'Ben', 'Chiara', 'Dmitri', 'Elif', 'Farid', 'Grace', 'Hannes', 'Ines', 'Jonas', 'Keiko', 'Lars', 'Maja', 'Nikhil',
  'Olu', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Tamsin', 'Ugo', 'Vera', 'Wiktor', 'Ximena', 'Yusuf', 'Zoë', 'Aoife', 'Bram',
  'Carmen', 'Deepa', 'Emil', 'Fatima', 'Gustav', 'Hiroshi', 'Ilse', 'Jamal', 'Katarzyna', 'Luca', 'Mei', 'Niamh',
];
const LAST = [
  'Achterberg', 'Bianchi', 'Castellanos', 'Dubois', 'Eriksen', 'Fitzgerald', 'Górski', 'Hakimi', 'Iversen', 'Jansen',
  'Kowalczyk', 'Lindqvist', 'Moreau', 'Nakamura', "O'Brien", 'Petrov', 'Quigley', 'Rossi', 'Schneider', 'Tanaka',
  'Uddin', 'Van Dijk', 'Walsh', 'Xu', 'Yilmaz', 'Zimmermann', 'Okafor', 'Brennan', 'Haddad', 'Sørensen',
];

export interface Person {
  name: string;
  /** Jira Cloud account id (24 hex digits) and Server user name. */
  accountId: string;
  username: string;
}

/** `count` distinct people; the same seed always names the same people. */
export function people(rng: Rng, count: number, region: string): Person[] {
  const names = new Set<string>();
  const out: Person[] = [];
  const simple = (s: string) => s.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
  for (let attempt = 0; out.length < count; attempt++) {
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    let name = `${first} ${last}`;
    if (names.has(name)) {
      if (attempt < count * 20) continue;
      name = `${name} ${out.length + 1}`;
    }
    names.add(name);
    out.push({ name, accountId: rng.hex(24), username: `${simple(first)[0]}${simple(last)}${region.toLowerCase()}${out.length + 1}` });
  }
  return out;
}

const STORY_ACTIONS = ['Add', 'Support', 'Redesign', 'Validate input for', 'Expose an API for', 'Migrate', 'Localise', 'Harden', 'Add an audit trail to', 'Speed up', 'Simplify', 'Let customers manage'];
const TASK_ACTIONS = ['Update the runbook for', 'Configure monitoring for', 'Write integration tests for', 'Upgrade the libraries of', 'Set up a feature flag for', 'Document the API of', 'Prepare test data for', 'Automate the deployment of', 'Review access rights for', 'Clean up logging in'];
const SUBTASK_ACTIONS = ['Implement', 'Code review', 'Unit tests', 'Update API contract', 'QA verification', 'Update documentation'];
const BUG_PATTERNS = [
  '{t}: error 500 when the session expires',
  '{t} shows a stale balance after a reversal',
  'Timeout in {t} under peak load',
  '{t} not refreshed after a failed retry',
  'Rounding difference of 0.01 in {t}',
  '{t}: wrong time zone in confirmation e-mail',
  '{t} fails for customers with two accounts',
  'Duplicate entries in {t} after a network drop',
  '{t}: screen reader skips the error message',
  '{t} rejects valid IBANs with lower-case letters',
];
const EPIC_SUFFIXES = ['phase 1', 'phase 2', 'MVP', 'regulatory changes', 'performance', 'rollout', 'decommissioning of the legacy flow'];
const PERSONAS = ['retail customer', 'branch adviser', 'payments operator', 'risk analyst', 'relationship manager', 'compliance officer', 'contact-centre agent'];

/** Summaries that look hostile but are real-world data; used once in a while, cyclically. */
export const HOSTILE_SUMMARIES = [
  'Payee name with <script>alert("pwned")</script> breaks the confirmation page',
  'Reference field accepts "quoted", comma-separated values, and the export splits them',
  '=HYPERLINK("https://example.invalid") typed in the memo field is exported as a formula',
  'Customer name Zoë Łukasiewicz-Nakamura (山田) is truncated on the statement',
  'Search for <b>bold</b> & "special" characters returns nothing',
  "Address line \"O'Brien's Quay, Apt 4\" fails validation",
];

export const storySummary = (rng: Rng, topic: string) => `${rng.pick(STORY_ACTIONS)} ${topic}`;
export const taskSummary = (rng: Rng, topic: string) => `${rng.pick(TASK_ACTIONS)} ${topic}`;
export const subtaskSummary = (rng: Rng, parent: string) => `${rng.pick(SUBTASK_ACTIONS)} – ${parent}`;
export const bugSummary = (rng: Rng, topic: string) => rng.pick(BUG_PATTERNS).replace('{t}', topic.charAt(0).toUpperCase() + topic.slice(1));
export const epicSummary = (rng: Rng, topic: string) => `${topic.charAt(0).toUpperCase() + topic.slice(1)} (${rng.pick(EPIC_SUFFIXES)})`;

/** A ticket description: several lines, commas and quotes, as people write them. */
export function description(rng: Rng, topic: string, kind: 'story' | 'bug' | 'task'): string {
  if (kind === 'bug') {
    const steps = [
      `1. Log in as a customer with status "Active, verified".`,
      `2. Open ${topic} and change the amount to 1,250.00 EUR.`,
      `3. Confirm; the page shows "Something went wrong" instead of the receipt.`,
    ];
    return `Steps to reproduce:\n${steps.join('\n')}\n\nExpected: the receipt, with reference and date.\nSeen in ${rng.pick(['SIT', 'UAT', 'production', 'pre-production'])}, ${rng.pick(['Chrome 128', 'iOS 18', 'Android 15', 'Edge'])}.`;
  }
  if (kind === 'task') return `Scope: ${topic}.\nDone when: checked by a second engineer, and the runbook says "how to roll back".`;
  const persona = rng.pick(PERSONAS);
  return `As a ${persona}, I want ${topic} to just work, so that I do not need to call the bank.\n\nAcceptance criteria:\n- Given a customer in "good standing", when they use ${topic}, then the result is shown within 2 seconds.\n- Errors, warnings and confirmations are announced to screen readers.`;
}

export const COMMENTS = [
  'Discussed in refinement; splitting the API work into a separate story.',
  'Blocked until the SIT environment is back, see the environment channel.',
  'Tested in UAT with the business, "looks good", approved.',
  'Moved to the next sprint: waiting for the vendor, again.',
  'Root cause found: a missing index, fix ready for review.',
  'Test data refreshed; please re-run the regression pack.',
];

// ---- ITSM ----

export const STANDARD_CHANGES = [
  'Monthly OS patching of {s} application servers',
  'Renew TLS certificate for {s}',
  'Rotate service account credentials for {s}',
  'Increase database connection pool for {s}',
  'Firewall rule update for {s} outbound traffic',
  'Apply vendor security patch to {s}',
  'Log retention policy change on {s}',
  'Scale out {s} cluster by two nodes',
];
export const EMERGENCY_CHANGES = [
  'Emergency hotfix for {s} after production incident',
  'Emergency rollback of configuration on {s}',
  'Emergency certificate replacement on {s}',
  'Emergency capacity increase for {s}',
];
export const SUCCESS_NOTES = ['Deployed as planned; smoke tests passed.', 'Implemented within the window, verified by the business.', 'Completed; monitoring normal after 2 hours.'];
export const ISSUE_NOTES = [
  'Completed, but the post-deployment check found slow responses; fixed the next morning.',
  'Deployed; one batch job needed a manual restart.',
  'Implemented 40 minutes over the window because of a slow database migration.',
];
export const FAIL_NOTES = [
  'Rolled back: smoke tests failed on login, "401 Unauthorized" from the identity provider.',
  'Backed out after the database migration locked the accounts table.',
  'Failed: the new version could not reach the message broker; previous version restored.',
  'Rolled back after error rates rose above 5%, see incident.',
];
export const FREEZE_NOTE = 'Freeze exception approved by the CAB chair: regulatory deadline.';
export const UNAUTHORIZED_NOTE = 'Implemented before approval was granted; raised with the team lead.';

export const INCIDENTS = [
  '{s}: customers unable to log in',
  '{s}: elevated error rate on the API',
  '{s}: slow response times during business hours',
  '{s}: overnight batch job failed',
  '{s}: messages stuck in the outbound queue',
  '{s}: certificate expired on the public endpoint',
  '{s}: disk space alert on the database server',
  '{s}: duplicate notifications sent to customers',
  '{s}: reports show yesterday\'s figures',
];

// ---- lessons ----

const LESSON_CATEGORIES = [
  'environment availability', 'requirements clarity', 'test data', 'third-party dependency', 'deployment automation',
  'release coordination', 'resourcing', 'communication',
] as const;
export type LessonCategory = (typeof LESSON_CATEGORIES)[number];

export const LESSONS: Record<LessonCategory, { titles: string[]; actions: string[] }> = {
  'environment availability': {
    titles: ['UAT environment was unavailable for four days during the test window', 'SIT double-booked with another programme', 'Performance lab not ready when the test cycle started', 'Environment refresh overran and blocked regression'],
    actions: ['Book environments at least six weeks ahead and confirm a week before', 'Add a second UAT environment for the channels programme', 'Agree environment refresh windows with all projects'],
  },
  'requirements clarity': {
    titles: ['Acceptance criteria changed during UAT', 'Business rules for fees were interpreted differently by two teams', 'Late clarification of regulatory scope'],
    actions: ['Business sign-off of acceptance criteria before sprint start', 'Example-based specification workshops for complex rules'],
  },
  'test data': {
    titles: ['Masked production data lacked edge cases', 'Test accounts expired in the middle of the cycle', 'No test data for joint accounts'],
    actions: ['Maintain a synthetic test data catalogue', 'Extend test account validity to the whole release'],
  },
  'third-party dependency': {
    titles: ['Vendor patch arrived two weeks late', 'Credit bureau sandbox was down during SIT', 'Card scheme certification slot missed'],
    actions: ['Track vendor milestones in the release plan', 'Ask vendors for sandbox availability commitments'],
  },
  'deployment automation': {
    titles: ['Manual deployment steps were missed in the cut-over', 'Configuration differed between pre-production and production', 'Rollback script was untested'],
    actions: ['Automate the remaining manual deployment steps', 'Test the rollback in pre-production for every release'],
  },
  'release coordination': {
    titles: ['Two releases on the same system in the same weekend', 'Dependency on the core banking release was not visible', 'Go/no-go meeting held without operations'],
    actions: ['Single release calendar across programmes', 'Show upstream dependencies in the go/no-go checklist'],
  },
  resourcing: {
    titles: ['Testers moved to another project mid-cycle', 'Key developer on leave during cut-over', 'Not enough QA capacity before the year-end freeze'],
    actions: ['Plan QA capacity per quarter with the programme managers', 'Name a deputy for every cut-over role'],
  },
  communication: {
    titles: ['Service desk not told about the new login flow', 'Release notes sent after go-live', 'Stakeholders learned of the delay from customers'],
    actions: ['Release notes reviewed by the service desk before go-live', 'Weekly status note to stakeholders during UAT'],
  },
};
