// The `detail` of a metric row names its basis; a busy scope's list is capped so that the row stays
// readable (the pages list every row).

/** Items joined by `sep`, the first `cap` of them and how many more there are. */
export function listText(items: readonly string[], sep = ', ', cap = 20): string {
  return items.length > cap ? `${items.slice(0, cap).join(sep)}${sep}… and ${items.length - cap} more` : items.join(sep);
}
