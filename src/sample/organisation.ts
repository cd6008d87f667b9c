// The fictional enterprise behind the sample: Harbourline Financial Group, a mid-sized bank. This file
// is the base organisation (one region); larger scales repeat it per region. The numbers tune what the
// metrics must find: CBM is chronically late and drags LOAN with it, the channel projects ship often,
// SIT-05/UAT-05/PERF-02/TRN-01 sit idle for long stretches, SIT-02/UAT-01/PERF-01 get double-booked.

export type Tracker = 'jira-cloud' | 'jira-server' | 'erm';

/** How a project's releases land against plan: shares of on-time and early, the rest late. */
export interface SlipProfile {
  onTime: number;
  early: number;
  /** Late releases: most slip about `lateMode` days, none more than `lateMax`. */
  lateMode: number;
  lateMax: number;
}

export interface ProjectSpec {
  key: string;
  name: string;
  portfolio: string;
  program: string | null;
  tracker: Tracker;
  /** Dependency tier: releases depend on releases of `upstream` projects (lower tiers). */
  tier: 0 | 1 | 2;
  upstream: string[];
  systems: string[];
  /** Days between two planned feature releases. */
  cadence: number;
  firstRelease: string;
  /** Starting version (Jira) or release train label (ERM). */
  version: [number, number];
  slip: SlipProfile;
  qaTeam: string;
  devTeams: string[];
  sit: string[];
  uat: string[];
  preprod: string;
  budget: number;
  start: string;
  end: string;
  /** Things the project builds: epics, stories and bugs talk about them. */
  topics: string[];
}

export interface SystemSpec {
  id: string;
  name: string;
  portfolio: string;
  program: string | null;
  owner: string;
  criticality: 'Tier 1' | 'Tier 2' | 'Tier 3';
  /** Production deployments per week outside releases (continuous delivery), 0 for release-only systems. */
  continuous: number;
  prod: string;
}

export interface EnvironmentSpec {
  id: string;
  name: string;
  kind: 'dev' | 'sit' | 'uat' | 'perf' | 'preprod' | 'prod' | 'dr' | 'training';
  capacity: number;
  owner: string;
  costPerDay: number;
  /** Booked only inside these windows (ISO dates, inclusive), when set: idle the rest of the time. */
  bookable?: Array<[string, string]>;
}

const ON_TIME: SlipProfile = { onTime: 0.45, early: 0.2, lateMode: 4, lateMax: 24 };
const STEADY: SlipProfile = { onTime: 0.55, early: 0.2, lateMode: 3, lateMax: 12 };
const LATE: SlipProfile = { onTime: 0.1, early: 0.03, lateMode: 18, lateMax: 48 };
const WOBBLY: SlipProfile = { onTime: 0.3, early: 0.1, lateMode: 9, lateMax: 35 };

export const ORGANISATION = 'Harbourline Financial Group';

export const PROJECTS: ProjectSpec[] = [
  {
    key: 'CBM', name: 'Core Banking Modernisation', portfolio: 'Enterprise Platforms', program: 'Core Platforms', tracker: 'erm',
    tier: 0, upstream: [], systems: ['core-ledger', 'core-accounts', 'batch-sched'], cadence: 119, firstRelease: '2024-10-29',
    version: [25, 1], slip: LATE, qaTeam: 'QA Core Banking', devTeams: ['Core Ledger Team', 'Core Accounts Team'],
    sit: ['SIT-03'], uat: ['UAT-03'], preprod: 'PRE-02', budget: 14_800_000, start: '2024-04-01', end: '2027-06-30',
    topics: ['general ledger posting', 'interest accrual', 'end-of-day batch', 'account opening', 'overdraft limits', 'statement generation', 'dormant account handling', 'fee engine'],
  },
  {
    key: 'DATA', name: 'Enterprise Data Platform', portfolio: 'Enterprise Platforms', program: 'Data & Analytics', tracker: 'jira-server',
    tier: 0, upstream: [], systems: ['edw', 'stream-bus', 'bi-reporting'], cadence: 77, firstRelease: '2024-10-16',
    version: [2, 9], slip: STEADY, qaTeam: 'QA Markets & Data', devTeams: ['Data Engineering', 'BI Team'],
    sit: ['SIT-04', 'SIT-03'], uat: ['UAT-04', 'UAT-03'], preprod: 'PRE-03', budget: 6_200_000, start: '2024-06-01', end: '2027-03-31',
    topics: ['customer data mart', 'event ingestion', 'data lineage', 'risk dashboards', 'data quality rules', 'GDPR erasure jobs', 'finance reconciliation feed'],
  },
  {
    key: 'IAM', name: 'Identity & Access Management', portfolio: 'Enterprise Platforms', program: null, tracker: 'jira-server',
    tier: 0, upstream: [], systems: ['iam-core', 'pam', 'api-mgmt'], cadence: 91, firstRelease: '2024-11-05',
    version: [7, 0], slip: ON_TIME, qaTeam: 'QA Markets & Data', devTeams: ['Identity Team'],
    sit: ['SIT-04', 'SIT-03'], uat: ['UAT-04', 'UAT-03'], preprod: 'PRE-03', budget: 3_100_000, start: '2024-05-01', end: '2026-12-31',
    topics: ['single sign-on', 'multi-factor authentication', 'privileged session recording', 'access recertification', 'API token lifecycle', 'joiner-mover-leaver automation'],
  },
  {
    key: 'PAY', name: 'Payments Hub Modernisation', portfolio: 'Payments', program: 'Payments Modernisation', tracker: 'jira-cloud',
    tier: 1, upstream: ['CBM'], systems: ['payments-hub', 'sepa-gw', 'swift-gw', 'fraud-screen'], cadence: 77, firstRelease: '2024-10-23',
    version: [3, 0], slip: WOBBLY, qaTeam: 'QA Payments & Cards', devTeams: ['Payments Core', 'Payments Connectivity'],
    sit: ['SIT-02'], uat: ['UAT-02'], preprod: 'PRE-02', budget: 9_400_000, start: '2024-03-01', end: '2027-03-31',
    topics: ['SEPA Instant credit transfers', 'ISO 20022 pacs.008 mapping', 'payment repair queue', 'cut-off time handling', 'sanctions screening', 'SWIFT gpi tracking', 'verification of payee'],
  },
  {
    key: 'LOAN', name: 'Loan Origination Platform', portfolio: 'Retail Banking', program: 'Lending', tracker: 'jira-cloud',
    tier: 1, upstream: ['CBM'], systems: ['loan-orig', 'credit-decision', 'doc-gen'], cadence: 91, firstRelease: '2024-11-13',
    version: [2, 1], slip: LATE, qaTeam: 'QA Digital Channels', devTeams: ['Lending Squad', 'Decisioning Squad'],
    sit: ['SIT-01', 'SIT-03'], uat: ['UAT-01', 'UAT-03'], preprod: 'PRE-01', budget: 5_600_000, start: '2024-06-01', end: '2027-02-28',
    topics: ['mortgage application', 'affordability check', 'credit bureau integration', 'e-signature', 'loan offer letter', 'broker portal', 'collateral valuation'],
  },
  {
    key: 'CRM', name: 'CRM Upgrade', portfolio: 'Retail Banking', program: 'Digital Channels', tracker: 'erm',
    tier: 1, upstream: ['DATA'], systems: ['crm-suite', 'contact-centre'], cadence: 105, firstRelease: '2024-11-19',
    version: [25, 1], slip: STEADY, qaTeam: 'QA Digital Channels', devTeams: ['CRM Team'],
    sit: ['SIT-01', 'SIT-03'], uat: ['UAT-01', 'UAT-03'], preprod: 'PRE-01', budget: 2_900_000, start: '2024-07-01', end: '2026-12-31',
    topics: ['customer 360 view', 'complaint handling', 'call routing', 'campaign management', 'consent capture'],
  },
  {
    key: 'FXR', name: 'FX Risk Engine Replacement', portfolio: 'Corporate & Markets', program: 'Treasury & Markets', tracker: 'erm',
    tier: 1, upstream: ['DATA'], systems: ['fx-risk', 'market-data'], cadence: 112, firstRelease: '2024-12-04',
    version: [25, 1], slip: WOBBLY, qaTeam: 'QA Markets & Data', devTeams: ['Risk Engineering'],
    sit: ['SIT-04', 'SIT-03'], uat: ['UAT-04', 'UAT-03'], preprod: 'PRE-03', budget: 4_300_000, start: '2024-05-01', end: '2027-04-30',
    topics: ['value-at-risk calculation', 'FX exposure limits', 'market data snapshots', 'stress scenarios', 'intraday P&L'],
  },
  {
    key: 'REGR', name: 'Regulatory Reporting', portfolio: 'Enterprise Platforms', program: 'Data & Analytics', tracker: 'erm',
    tier: 1, upstream: ['DATA', 'CBM'], systems: ['reg-reporting', 'aml-monitor'], cadence: 98, firstRelease: '2024-11-26',
    version: [25, 1], slip: ON_TIME, qaTeam: 'QA Core Banking', devTeams: ['RegTech Team'],
    sit: ['SIT-04', 'SIT-03'], uat: ['UAT-04', 'UAT-03'], preprod: 'PRE-03', budget: 3_700_000, start: '2024-04-01', end: '2027-03-31',
    topics: ['COREP templates', 'AnaCredit submission', 'AML alert tuning', 'liquidity coverage ratio', 'large exposures report'],
  },
  {
    key: 'MOB', name: 'Mobile Banking App Refresh', portfolio: 'Retail Banking', program: 'Digital Channels', tracker: 'jira-cloud',
    tier: 2, upstream: ['PAY', 'IAM'], systems: ['mobile-app', 'mobile-api'], cadence: 70, firstRelease: '2024-10-15',
    version: [6, 2], slip: ON_TIME, qaTeam: 'QA Digital Channels', devTeams: ['Mobile Squad Orca', 'Mobile Squad Puffin'],
    sit: ['SIT-01', 'SIT-03'], uat: ['UAT-01', 'UAT-03'], preprod: 'PRE-01', budget: 4_800_000, start: '2024-05-01', end: '2027-04-30',
    topics: ['biometric login', 'card freeze toggle', 'spending insights', 'push notification preferences', 'payee management', 'dark mode', 'in-app chat'],
  },
  {
    key: 'WEB', name: 'Online Banking Portal', portfolio: 'Retail Banking', program: 'Digital Channels', tracker: 'jira-cloud',
    tier: 2, upstream: ['LOAN', 'IAM'], systems: ['web-portal', 'web-cms'], cadence: 77, firstRelease: '2024-10-30',
    version: [11, 4], slip: STEADY, qaTeam: 'QA Digital Channels', devTeams: ['Web Squad Kestrel', 'Web Squad Heron'],
    sit: ['SIT-01', 'SIT-03'], uat: ['UAT-01', 'UAT-03'], preprod: 'PRE-01', budget: 3_900_000, start: '2024-05-01', end: '2027-04-30',
    topics: ['account overview page', 'standing orders', 'document inbox', 'accessibility of forms', 'loan application journey', 'cookie consent banner'],
  },
  {
    key: 'CARD', name: 'Card Services Renewal', portfolio: 'Payments', program: null, tracker: 'jira-cloud',
    tier: 2, upstream: ['PAY'], systems: ['card-auth', 'card-mgmt', 'fraud-screen'], cadence: 84, firstRelease: '2024-11-06',
    version: [1, 8], slip: WOBBLY, qaTeam: 'QA Payments & Cards', devTeams: ['Cards Team'],
    sit: ['SIT-02'], uat: ['UAT-02'], preprod: 'PRE-02', budget: 4_100_000, start: '2024-06-01', end: '2027-01-31',
    topics: ['3-D Secure challenge flow', 'card tokenisation', 'chargeback workflow', 'PIN reminder', 'contactless limits', 'virtual cards'],
  },
  {
    key: 'TRSY', name: 'Treasury Dealing Platform', portfolio: 'Corporate & Markets', program: 'Treasury & Markets', tracker: 'jira-server',
    tier: 2, upstream: ['FXR'], systems: ['dealing', 'liquidity'], cadence: 91, firstRelease: '2024-11-20',
    version: [4, 5], slip: STEADY, qaTeam: 'QA Markets & Data', devTeams: ['Treasury Team'],
    sit: ['SIT-04', 'SIT-03'], uat: ['UAT-04', 'UAT-03'], preprod: 'PRE-03', budget: 3_300_000, start: '2024-05-01', end: '2027-03-31',
    topics: ['deal capture', 'trade confirmation matching', 'cash forecasting', 'counterparty limits', 'money market deals'],
  },
];

const sys = (
  id: string, name: string, portfolio: string, program: string | null, owner: string,
  criticality: SystemSpec['criticality'], continuous: number, prod: string,
): SystemSpec => ({ id, name, portfolio, program, owner, criticality, continuous, prod });

export const SYSTEMS: SystemSpec[] = [
  sys('mobile-app', 'Mobile Banking App', 'Retail Banking', 'Digital Channels', 'Mobile Platform Team', 'Tier 1', 0, 'PROD-EU1'),
  sys('mobile-api', 'Mobile API Gateway', 'Retail Banking', 'Digital Channels', 'Mobile Platform Team', 'Tier 1', 2, 'PROD-EU1'),
  sys('web-portal', 'Online Banking Portal', 'Retail Banking', 'Digital Channels', 'Web Platform Team', 'Tier 1', 1.2, 'PROD-EU1'),
  sys('web-cms', 'Content Management Service', 'Retail Banking', 'Digital Channels', 'Web Platform Team', 'Tier 3', 2.4, 'PROD-EU1'),
  sys('loan-orig', 'Loan Origination System', 'Retail Banking', 'Lending', 'Lending Technology', 'Tier 2', 0, 'PROD-EU1'),
  sys('credit-decision', 'Credit Decision Engine', 'Retail Banking', 'Lending', 'Lending Technology', 'Tier 1', 0, 'PROD-EU1'),
  sys('doc-gen', 'Document Generation Service', 'Retail Banking', 'Lending', 'Lending Technology', 'Tier 3', 0, 'PROD-EU1'),
  sys('payments-hub', 'Payments Hub', 'Payments', 'Payments Modernisation', 'Payments Technology', 'Tier 1', 0, 'PROD-EU2'),
  sys('sepa-gw', 'SEPA Instant Gateway', 'Payments', 'Payments Modernisation', 'Payments Technology', 'Tier 1', 0, 'PROD-EU2'),
  sys('swift-gw', 'SWIFT Connector', 'Payments', 'Payments Modernisation', 'Payments Technology', 'Tier 1', 0, 'PROD-EU2'),
  sys('fraud-screen', 'Fraud Screening Service', 'Payments', null, 'Financial Crime Technology', 'Tier 1', 1, 'PROD-EU2'),
  sys('card-auth', 'Card Authorisation Engine', 'Payments', null, 'Cards Technology', 'Tier 1', 0, 'PROD-EU2'),
  sys('card-mgmt', 'Card Management System', 'Payments', null, 'Cards Technology', 'Tier 2', 0, 'PROD-EU2'),
  sys('dealing', 'Treasury Dealing System', 'Corporate & Markets', 'Treasury & Markets', 'Markets Technology', 'Tier 1', 0, 'PROD-DC'),
  sys('liquidity', 'Liquidity Manager', 'Corporate & Markets', 'Treasury & Markets', 'Markets Technology', 'Tier 2', 0, 'PROD-DC'),
  sys('edw', 'Enterprise Data Warehouse', 'Enterprise Platforms', 'Data & Analytics', 'Data Office', 'Tier 2', 0, 'PROD-DC'),
  sys('stream-bus', 'Event Streaming Platform', 'Enterprise Platforms', 'Data & Analytics', 'Data Office', 'Tier 1', 1.6, 'PROD-DC'),
  sys('bi-reporting', 'BI Reporting Suite', 'Enterprise Platforms', 'Data & Analytics', 'Data Office', 'Tier 3', 0, 'PROD-DC'),
  sys('iam-core', 'Identity Provider', 'Enterprise Platforms', null, 'Security Engineering', 'Tier 1', 0, 'PROD-EU2'),
  sys('pam', 'Privileged Access Manager', 'Enterprise Platforms', null, 'Security Engineering', 'Tier 2', 0, 'PROD-EU2'),
  sys('api-mgmt', 'API Management Platform', 'Enterprise Platforms', null, 'Integration Platform Team', 'Tier 1', 1.2, 'PROD-EU1'),
  sys('core-ledger', 'Core Ledger', 'Enterprise Platforms', 'Core Platforms', 'Core Banking Technology', 'Tier 1', 0, 'PROD-EU2'),
  sys('core-accounts', 'Deposit Accounts', 'Enterprise Platforms', 'Core Platforms', 'Core Banking Technology', 'Tier 1', 0, 'PROD-EU2'),
  sys('batch-sched', 'Batch Scheduler', 'Enterprise Platforms', 'Core Platforms', 'Core Banking Technology', 'Tier 2', 0, 'PROD-EU2'),
  sys('crm-suite', 'CRM Suite', 'Retail Banking', 'Digital Channels', 'Customer Technology', 'Tier 2', 0, 'PROD-EU1'),
  sys('contact-centre', 'Contact Centre Platform', 'Retail Banking', 'Digital Channels', 'Customer Technology', 'Tier 2', 0, 'PROD-EU1'),
  sys('fx-risk', 'FX Risk Engine', 'Corporate & Markets', 'Treasury & Markets', 'Risk Technology', 'Tier 1', 0, 'PROD-DC'),
  sys('market-data', 'Market Data Service', 'Corporate & Markets', 'Treasury & Markets', 'Risk Technology', 'Tier 2', 0, 'PROD-DC'),
  sys('reg-reporting', 'Regulatory Reporting Hub', 'Enterprise Platforms', 'Data & Analytics', 'Finance Technology', 'Tier 1', 0, 'PROD-DC'),
  sys('aml-monitor', 'AML Transaction Monitoring', 'Enterprise Platforms', 'Data & Analytics', 'Financial Crime Technology', 'Tier 1', 0, 'PROD-DC'),
];

const env = (
  id: string, name: string, kind: EnvironmentSpec['kind'], capacity: number, owner: string, costPerDay: number,
  bookable?: Array<[string, string]>,
): EnvironmentSpec => ({ id, name, kind, capacity, owner, costPerDay, ...(bookable ? { bookable } : {}) });

const EM = 'Environment Management';
const OPS = 'Platform Operations';

export const ENVIRONMENTS: EnvironmentSpec[] = [
  env('DEV-01', 'Development 1', 'dev', 4, OPS, 180),
  env('DEV-02', 'Development 2', 'dev', 4, OPS, 180),
  env('DEV-03', 'Development 3', 'dev', 4, OPS, 180),
  env('DEV-04', 'Development 4 (Markets)', 'dev', 4, OPS, 160),
  env('SIT-01', 'SIT 1 – Channels', 'sit', 1, EM, 420),
  env('SIT-02', 'SIT 2 – Payments & Cards', 'sit', 1, EM, 460),
  env('SIT-03', 'SIT 3 – Core (shared)', 'sit', 2, EM, 640),
  env('SIT-04', 'SIT 4 – Markets & Data', 'sit', 1, EM, 390),
  env('SIT-05', 'SIT 5 – Overflow', 'sit', 1, EM, 350, [['2024-09-01', '2025-03-31'], ['2026-09-15', '2027-06-30']]),
  env('UAT-01', 'UAT 1 – Channels', 'uat', 1, EM, 450),
  env('UAT-02', 'UAT 2 – Payments & Cards', 'uat', 1, EM, 480),
  env('UAT-03', 'UAT 3 – Core (shared)', 'uat', 2, EM, 690),
  env('UAT-04', 'UAT 4 – Markets & Data', 'uat', 1, EM, 410),
  env('UAT-05', 'UAT 5 – Overflow', 'uat', 1, EM, 360, [['2024-09-01', '2025-02-28']]),
  env('PERF-01', 'Performance Lab A', 'perf', 1, EM, 1_150),
  env('PERF-02', 'Performance Lab B', 'perf', 1, EM, 980, [['2024-09-01', '2025-05-31']]),
  env('PRE-01', 'Pre-production – Channels', 'preprod', 1, OPS, 820),
  env('PRE-02', 'Pre-production – Payments & Core', 'preprod', 1, OPS, 940),
  env('PRE-03', 'Pre-production – Markets & Data', 'preprod', 1, OPS, 760),
  env('PROD-EU1', 'Production – Frankfurt', 'prod', 1, OPS, 6_400),
  env('PROD-EU2', 'Production – Dublin', 'prod', 1, OPS, 7_100),
  env('PROD-DC', 'Production – Amsterdam', 'prod', 1, OPS, 5_200),
  env('DR-01', 'Disaster Recovery – Frankfurt', 'dr', 1, OPS, 2_300),
  env('DR-02', 'Disaster Recovery – Dublin', 'dr', 1, OPS, 2_100),
  env('TRN-01', 'Training', 'training', 1, EM, 140, [['2024-09-01', '2024-12-31'], ['2026-02-01', '2026-02-28']]),
];

/** Freeze windows of the base region (inclusive ISO dates); scope lists system ids, empty = all. */
export const FREEZES: Array<{ name: string; start: string; end: string; scope: string[] }> = [
  // Before the base organisation's history (2024-10): only the enterprise scale's longer history has them.
  { name: 'Year-end freeze 2023', start: '2023-12-18', end: '2024-01-03', scope: [] },
  { name: 'Q1 2024 quarter-end close', start: '2024-03-26', end: '2024-04-02', scope: ['core-ledger', 'core-accounts', 'reg-reporting', 'edw'] },
  { name: 'Q2 2024 quarter-end close', start: '2024-06-26', end: '2024-07-02', scope: ['core-ledger', 'core-accounts', 'reg-reporting', 'edw'] },
  { name: 'Q3 2024 quarter-end close', start: '2024-09-26', end: '2024-10-02', scope: ['core-ledger', 'core-accounts', 'reg-reporting', 'edw'] },
  { name: 'Year-end freeze 2024', start: '2024-12-16', end: '2025-01-03', scope: [] },
  { name: 'Q1 2025 quarter-end close', start: '2025-03-27', end: '2025-04-02', scope: ['core-ledger', 'core-accounts', 'reg-reporting', 'edw'] },
  { name: 'Q2 2025 quarter-end close', start: '2025-06-26', end: '2025-07-02', scope: ['core-ledger', 'core-accounts', 'reg-reporting', 'edw'] },
  { name: 'Q3 2025 quarter-end close', start: '2025-09-25', end: '2025-10-02', scope: ['core-ledger', 'core-accounts', 'reg-reporting', 'edw'] },
  { name: 'Instant Payments Regulation go-live', start: '2025-10-06', end: '2025-10-17', scope: ['payments-hub', 'sepa-gw', 'fraud-screen', 'core-ledger'] },
  { name: 'Year-end freeze 2025', start: '2025-12-15', end: '2026-01-02', scope: [] },
  { name: 'Q1 2026 quarter-end close', start: '2026-03-26', end: '2026-04-02', scope: ['core-ledger', 'core-accounts', 'reg-reporting', 'edw'] },
  { name: 'Q2 2026 quarter-end close', start: '2026-06-25', end: '2026-07-02', scope: ['core-ledger', 'core-accounts', 'reg-reporting', 'edw'] },
  { name: 'Q3 2026 quarter-end close', start: '2026-09-24', end: '2026-10-01', scope: ['core-ledger', 'core-accounts', 'reg-reporting', 'edw'] },
  { name: 'Year-end freeze 2026', start: '2026-12-14', end: '2027-01-04', scope: [] },
  { name: 'Q1 2027 quarter-end close', start: '2027-03-25', end: '2027-04-01', scope: ['core-ledger', 'core-accounts', 'reg-reporting', 'edw'] },
];

/** Weeks in which environments are knowingly double-booked (crunches before freezes and go-lives). */
export const CRUNCHES: Array<{ env: string; start: string; days: number }> = [
  { env: 'SIT-02', start: '2025-11-17', days: 9 },
  { env: 'UAT-01', start: '2025-12-01', days: 6 },
  { env: 'PERF-01', start: '2026-02-09', days: 5 },
  { env: 'UAT-01', start: '2026-11-23', days: 8 },
];

/** Regions a larger scale adds: each repeats the base organisation under its own names and keys. */
export const REGIONS = ['', 'UK', 'DE', 'NL', 'IE', 'FR', 'PL', 'ES', 'IT', 'SE', 'AT', 'BE', 'CH', 'DK', 'FI', 'PT'];
