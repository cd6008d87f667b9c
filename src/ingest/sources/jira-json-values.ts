// Reading Jira field values, which nest most fields in objects ({name}, {key}, {displayName}, {value}).
import { obj, str } from './json-values.ts';

/** What Jira shows for a field value: the text itself, or an option's value, a user's or a version's name. */
export function display(v: unknown): string | undefined {
  const o = obj(v);
  if (!o) return str(v);
  return str(o.value) ?? str(o.name) ?? str(o.displayName) ?? str(o.title) ?? str(o.key);
}
