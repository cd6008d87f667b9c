// The canonical fields that hold the name (or login) of a person: what `almanac ingest --pseudonymize
// people` replaces by pseudonyms. The one list: the README's Privacy section and the ingest both rely
// on it, so a new person field added to entities.ts must be added here too.
import type { EntityName } from './catalog.ts';

export interface PersonalField {
  /** Canonical entity (its table). */
  entity: EntityName;
  /** Field of the entity holding a person's name; a text column (no person field is a list today). */
  field: string;
}

export const PERSONAL_FIELDS: readonly PersonalField[] = [
  // Jira / Azure DevOps / canonical assignee: a display name, sometimes "Name <email>".
  { entity: 'work_item', field: 'assignee' },
  // A project's owner: the Jira project lead, or the projects.csv owner (a person in practice).
  { entity: 'project', field: 'owner' },
  // Who started a deployment: a GitHub creator login, GitLab username, Azure "requested for", Jenkins
  // user. It may also hold a word ("pipeline", "Started by timer"): pseudonymized too, since a login
  // cannot be told from a word.
  { entity: 'deployment', field: 'trigger' },
];

// Deliberately not here: system.owner and environment.owner name the owning team (the delivery page
// groups deployments by it), assignment_group is a team, and free text (summaries, descriptions,
// close notes, lesson titles) may mention people but is not rewritten. ServiceNow's caller, opened_by
// and assigned_to, and Jira's reporter and creator, are never stored at all.
