// Every adapter the ingest knows, in the order detection ties are settled.
import type { Adapter } from '../adapter.ts';
import { azureBuilds } from './azure-builds.ts';
import { azureReleaseDeployments } from './azure-release-deployments.ts';
import { azureWorkItems } from './azure-work-items.ts';
import { canonicalCsv } from './canonical-csv.ts';
import { devlakeRaw } from './devlake-raw.ts';
import { githubDeploymentStatuses } from './github-deployment-statuses.ts';
import { githubDeployments } from './github-deployments.ts';
import { githubReleases } from './github-releases.ts';
import { gitlabDeployments } from './gitlab-deployments.ts';
import { gitlabReleases } from './gitlab-releases.ts';
import { jenkinsBuilds } from './jenkins-builds.ts';
import { jiraCsv } from './jira-csv.ts';
import { jiraJsonSearch } from './jira-json.ts';
import { jiraJsonProjects } from './jira-json-projects.ts';
import { jiraJsonVersions } from './jira-json-versions.ts';
import { servicenowCsv } from './servicenow-csv.ts';
import { servicenowJson } from './servicenow-json.ts';
import { xlsxWorkbook } from './xlsx.ts';

export const ADAPTERS: readonly Adapter[] = [servicenowCsv, servicenowJson, jiraCsv, azureWorkItems, jiraJsonSearch, jiraJsonVersions, jiraJsonProjects,
  githubReleases, githubDeployments, githubDeploymentStatuses, gitlabReleases, gitlabDeployments, jenkinsBuilds, azureBuilds, azureReleaseDeployments,
  devlakeRaw, canonicalCsv, xlsxWorkbook];
